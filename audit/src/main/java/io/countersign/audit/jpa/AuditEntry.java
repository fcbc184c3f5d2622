package io.countersign.audit.jpa;

import io.countersign.audit.AuditEvent;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** A row of the append-only table {@code audit_entry}; written once, never updated. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {

  @Id
  @SequenceGenerator(
      name = "audit_entry_seq",
      sequenceName = "audit_entry_seq",
      allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_entry_seq")
  private Long id;

  @Column(name = "tenant_id", nullable = false, updatable = false)
  private String tenantId;

  @Column(name = "occurred_at", nullable = false, updatable = false)
  private OffsetDateTime occurredAt;

  @Column(name = "event_type", nullable = false, updatable = false)
  private String eventType;

  @Column(name = "call_id", nullable = false, updatable = false)
  private String callId;

  @Column(name = "agent_id", updatable = false)
  private String agentId;

  @Column(name = "agent_name", updatable = false)
  private String agentName;

  @Column(name = "session_id", updatable = false)
  private String sessionId;

  @Column(name = "upstream_name", updatable = false)
  private String upstreamName;

  @Column(name = "tool_name", updatable = false)
  private String toolName;

  @Column(name = "arguments_digest", updatable = false)
  private String argumentsDigest;

  @Column(name = "decision", updatable = false)
  private String decision;

  @Column(name = "rule_name", updatable = false)
  private String ruleName;

  @Column(name = "reason", updatable = false)
  private String reason;

  @Column(name = "outcome", nullable = false, updatable = false)
  private String outcome;

  @Column(name = "decision_micros", updatable = false)
  private Long decisionMicros;

  @Column(name = "upstream_millis", updatable = false)
  private Long upstreamMillis;

  protected AuditEntry() {}

  static AuditEntry of(AuditEvent event) {
    var entry = new AuditEntry();
    entry.tenantId = event.tenantId();
    entry.occurredAt = event.occurredAt().atOffset(ZoneOffset.UTC);
    entry.eventType = event.eventType();
    entry.callId = event.callId();
    event
        .actor()
        .ifPresent(
            actor -> {
              entry.agentId = actor.agentId();
              entry.agentName = actor.agentName();
              entry.sessionId = actor.sessionId().orElse(null);
            });
    event
        .tool()
        .ifPresent(
            tool -> {
              entry.upstreamName = tool.upstream();
              entry.toolName = tool.name();
              entry.argumentsDigest = tool.argumentsDigest();
            });
    entry.decision = event.decision().orElse(null);
    entry.ruleName = event.rule().orElse(null);
    entry.reason = event.reason().map(AuditEntry::bounded).orElse(null);
    entry.outcome = event.outcome();
    entry.decisionMicros = event.decisionMicros().orElse(null);
    entry.upstreamMillis = event.upstreamMillis().orElse(null);
    return entry;
  }

  private static String bounded(String reason) {
    return reason.length() <= 1000 ? reason : reason.substring(0, 997) + "...";
  }

  public Long id() {
    return id;
  }
}
