/** Upstream tasks (MCP 2025-11-25, "Tasks") under ids of the gateway's, bound to their agent. */
package io.countersign.gateway.tasks;
