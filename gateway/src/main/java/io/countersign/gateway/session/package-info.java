/** MCP sessions, kept in the database so a restart or another node can continue them. */
package io.countersign.gateway.session;
