package io.countersign.tenant.agent;

/** No enabled agent of that name on that tenant. */
public final class UnknownAgentException extends RuntimeException {

  private final String tenantId;
  private final String agentName;

  public UnknownAgentException(String tenantId, String agentName) {
    super("tenant '" + tenantId + "' has no enabled agent '" + agentName + "'");
    this.tenantId = tenantId;
    this.agentName = agentName;
  }

  public String tenantId() {
    return tenantId;
  }

  public String agentName() {
    return agentName;
  }
}
