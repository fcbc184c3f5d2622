/** The decision pipeline: small named stages that decide a tool call, then one audit entry. */
package io.countersign.gateway.pipeline;
