package io.countersign.gateway.pipeline;

import io.countersign.gateway.session.McpSession;
import io.countersign.tenant.AgentPrincipal;
import io.countersign.tenant.UpstreamEndpoint;
import jakarta.json.JsonObject;
import java.time.Instant;

/**
 * One {@code tools/call} on its way through the pipeline: who asks, which tool on which upstream,
 * with which arguments. {@code callId} correlates its audit entries.
 */
public record ToolCall(
    String callId,
    McpSession session,
    UpstreamEndpoint upstream,
    String tool,
    JsonObject definition,
    JsonObject arguments,
    String argumentsDigest,
    Instant receivedAt) {

  public AgentPrincipal agent() {
    return session.agent();
  }

  public String tenantId() {
    return session.tenantId();
  }
}
