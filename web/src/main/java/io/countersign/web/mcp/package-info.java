/** The HTTP face of a tenant's MCP endpoint (Streamable HTTP) and its well-known metadata. */
package io.countersign.web.mcp;
