/**
 * Connectors to upstream MCP servers over Streamable HTTP: the session eras (2025-06-18,
 * 2025-11-25) and 2026-07-28, each upstream's era found out once and remembered.
 */
package io.countersign.gateway.upstream;
