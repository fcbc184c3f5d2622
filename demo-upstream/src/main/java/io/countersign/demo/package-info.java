/** The demo upstream: a real MCP server with risky tools that Countersign's demo tenant fronts. */
package io.countersign.demo;
