package io.countersign.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One fact for the audit log. A {@code tool_call.decision} event records what the pipeline decided
 * and why; a {@code tool_call.outcome} event records what happened when an allowed call was
 * forwarded. Both share the {@code callId}.
 */
public record AuditEvent(
    String tenantId,
    Instant occurredAt,
    String eventType,
    String callId,
    Optional<Actor> actor,
    Optional<ToolRef> tool,
    Optional<String> decision,
    Optional<String> rule,
    Optional<String> reason,
    String outcome,
    Optional<Long> decisionMicros,
    Optional<Long> upstreamMillis) {

  public static final String TOOL_CALL_DECISION = "tool_call.decision";
  public static final String TOOL_CALL_OUTCOME = "tool_call.outcome";

  public AuditEvent {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(outcome, "outcome");
  }

  /** Who acted: the agent and, for MCP, its session. */
  public record Actor(String agentId, String agentName, Optional<String> sessionId) {}

  /** Which tool, on which upstream, with which arguments (by SHA-256 digest only). */
  public record ToolRef(String upstream, String name, String argumentsDigest) {}
}
