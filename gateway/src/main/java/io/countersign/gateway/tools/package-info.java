/** The tenant's tools, prompts and resources as one catalogue over all its upstreams. */
package io.countersign.gateway.tools;
