/** Wiring of the demo tools into the official MCP Java SDK's Streamable HTTP server. */
package io.countersign.demo.mcp;
