package io.countersign.tenant;

/** An authenticated agent: who is calling, on which tenant. */
public record AgentPrincipal(String tenantId, String agentId, String agentName) {}
