package io.countersign.gateway.session;

import io.countersign.tenant.AgentPrincipal;

/** A client's MCP session: bound to one agent of one tenant and to the negotiated version. */
public record McpSession(String id, AgentPrincipal agent, String protocolVersion) {

  public String tenantId() {
    return agent.tenantId();
  }
}
