/** Connectors to upstream MCP servers over Streamable HTTP (protocol 2025-06-18 and 2025-11-25). */
package io.countersign.gateway.upstream;
