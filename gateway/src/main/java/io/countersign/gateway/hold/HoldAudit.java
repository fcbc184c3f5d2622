package io.countersign.gateway.hold;

import io.countersign.audit.AuditEvent;
import io.countersign.audit.AuditEvent.Actor;
import io.countersign.audit.AuditEvent.ToolRef;
import io.countersign.audit.AuditLog;
import io.countersign.audit.AuditPayload;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;

/**
 * The audit entries of a held call after its decision entry, each appended in the transaction of
 * the state change it records; the call id is their correlation id. The provider records the
 * approval's own events (requested, votes, approved, ...) under the approval's id.
 */
@ApplicationScoped
public class HoldAudit {

  /** The backchannel request reached the approvers (or could not: outcome says). */
  public static final String APPROVAL_REQUESTED = "tool_call.approval_requested";

  /** The approvers' verdict as the gateway learnt it: approved, rejected, expired. */
  public static final String APPROVAL_DECIDED = "tool_call.approval_decided";

  /** Forwarding was claimed: the upstream is about to receive the approved call. */
  public static final String FORWARDED = "tool_call.forwarded";

  /** The agent cancelled the call before it was forwarded; the approval was withdrawn. */
  public static final String CANCELLED = "tool_call.cancelled";

  @Inject AuditLog log;

  @Transactional(Transactional.TxType.MANDATORY)
  public void record(
      HeldCall held,
      String type,
      String outcome,
      Optional<String> reason,
      Optional<Long> upstreamMillis,
      Optional<AuditPayload> payload,
      Instant now) {
    log.append(
        new AuditEvent(
            held.tenantId(),
            now,
            type,
            held.id(),
            Actor.agent(
                held.agent().agentId(), held.agent().agentName(), Optional.of(held.sessionId())),
            Optional.of(new ToolRef(held.upstream(), held.tool(), held.argumentsSha256())),
            Optional.empty(),
            Optional.of(held.policyRule()),
            reason,
            outcome,
            Optional.empty(),
            upstreamMillis,
            payload));
  }
}
