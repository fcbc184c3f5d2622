package io.countersign.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One fact for the audit log. A {@code tool_call.decision} event records what the pipeline decided
 * and why; a {@code tool_call.outcome} event records what happened when an allowed call was
 * forwarded. Events about one tool call (or, later, one approval) share the {@code correlationId}.
 * A {@link AuditPayload payload} that may hold personal data (the call's arguments, its result) is
 * not part of the leaf: the leaf commits to it by a salted hash.
 */
public record AuditEvent(
    String tenantId,
    Instant occurredAt,
    String eventType,
    String correlationId,
    Actor actor,
    Optional<ToolRef> tool,
    Optional<String> decision,
    Optional<String> rule,
    Optional<String> reason,
    String outcome,
    Optional<Long> decisionMicros,
    Optional<Long> upstreamMillis,
    Optional<AuditPayload> payload) {

  public static final String TOOL_CALL_DECISION = "tool_call.decision";
  public static final String TOOL_CALL_OUTCOME = "tool_call.outcome";

  public AuditEvent {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(correlationId, "correlationId");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(outcome, "outcome");
  }

  /**
   * Who acted: an agent (with its MCP session), a member (an approver, an admin) or the system
   * itself (timers, the checkpointer).
   */
  public record Actor(String type, String id, String name, Optional<String> sessionId) {

    public static final String AGENT = "agent";
    public static final String MEMBER = "member";
    public static final String SYSTEM = "system";

    public Actor {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(sessionId, "sessionId");
    }

    public static Actor agent(String agentId, String agentName, Optional<String> sessionId) {
      return new Actor(AGENT, agentId, agentName, sessionId);
    }

    public static Actor member(String memberId, String memberName) {
      return new Actor(MEMBER, memberId, memberName, Optional.empty());
    }

    public static Actor system(String component) {
      return new Actor(SYSTEM, component, component, Optional.empty());
    }
  }

  /**
   * Which tool, on which upstream ({@code null} when the call named no known upstream), with which
   * arguments (by SHA-256 digest of their canonical JSON).
   */
  public record ToolRef(String upstream, String name, String argumentsDigest) {

    public Optional<String> upstreamName() {
      return Optional.ofNullable(upstream);
    }
  }
}
