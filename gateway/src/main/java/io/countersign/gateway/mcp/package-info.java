/** The MCP front: what a tenant's endpoint answers, method by method, for the legacy eras. */
package io.countersign.gateway.mcp;
