/** JSON-RPC 2.0 messages as MCP uses them, kept as JSON-P values so unknown fields survive. */
package io.countersign.gateway.jsonrpc;
