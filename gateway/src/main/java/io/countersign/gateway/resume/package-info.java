/**
 * Resumable SSE streams (MCP 2025-11-25 Streamable HTTP, "Resumability and Redelivery"): event ids
 * bound to their stream and session, the events a client has not received kept for a while, and a
 * client's GET with {@code Last-Event-ID} answered with exactly what it missed on that stream.
 */
package io.countersign.gateway.resume;
