/** The MCP gateway: the front agents connect to, upstream connectors and the decision pipeline. */
package io.countersign.gateway;
