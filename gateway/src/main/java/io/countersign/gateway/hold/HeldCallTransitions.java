package io.countersign.gateway.hold;

import io.countersign.audit.AuditEvent;
import io.countersign.audit.AuditPayload;
import io.countersign.ciba.AuthReqId;
import io.countersign.tenant.secret.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;

/**
 * Each move of a held call with its audit entry, in one transaction: when the entry cannot be
 * written the move does not happen (fail closed). A move that finds the row already moved (another
 * node, a concurrent ping and poll) returns {@code false} and writes nothing.
 */
@ApplicationScoped
public class HeldCallTransitions {

  @Inject HeldCallStore store;
  @Inject HoldAudit audit;
  @Inject SecretBox box;

  /** REQUESTING → PENDING: the approvers have the request. */
  @Transactional
  public boolean requested(
      HeldCall held,
      String authReqId,
      String notificationTokenHash,
      Instant expiresAt,
      Instant nextPollAt,
      Instant now) {
    if (!store.requested(
        held.id(),
        box.seal(authReqId),
        AuthReqId.parse(authReqId).map(AuthReqId::sha256),
        notificationTokenHash,
        expiresAt,
        nextPollAt,
        now)) {
      return false;
    }
    audit.record(
        held,
        HoldAudit.APPROVAL_REQUESTED,
        "requested",
        Optional.of(
            "code " + held.bindingCode() + ", quorum " + held.quorum() + ", until " + expiresAt),
        Optional.empty(),
        Optional.empty(),
        now);
    return true;
  }

  /** PENDING → APPROVED, with the arguments as approved (audited when an approver edited them). */
  @Transactional
  public boolean approved(HeldCall held, String approvedArguments, boolean edited, Instant now) {
    if (!store.approved(held.id(), approvedArguments, now)) {
      return false;
    }
    audit.record(
        held,
        HoldAudit.APPROVAL_DECIDED,
        edited ? "approved_edited" : "approved",
        Optional.empty(),
        Optional.empty(),
        edited ? Optional.of(AuditPayload.arguments(approvedArguments)) : Optional.empty(),
        now);
    return true;
  }

  /** → REJECTED, EXPIRED or CANCELLED by the approvers' side, with the reason. */
  @Transactional
  public boolean decidedAgainst(HeldCall held, HeldCallState state, String reason, Instant now) {
    if (!store.finish(held.id(), state, Optional.of(reason), Optional.empty(), now)) {
      return false;
    }
    audit.record(
        held,
        HoldAudit.APPROVAL_DECIDED,
        state.name().toLowerCase(java.util.Locale.ROOT),
        Optional.of(reason),
        Optional.empty(),
        Optional.empty(),
        now);
    return true;
  }

  /**
   * → FAILED before anything was forwarded: the approvers could not be asked, or a check failed.
   */
  @Transactional
  public boolean failed(HeldCall held, String type, String outcome, String reason, Instant now) {
    if (!store.finish(
        held.id(), HeldCallState.FAILED, Optional.of(reason), Optional.empty(), now)) {
      return false;
    }
    audit.record(held, type, outcome, Optional.of(reason), Optional.empty(), Optional.empty(), now);
    return true;
  }

  /**
   * The agent cancelled (REQUESTING, PENDING or APPROVED → CANCELLED); {@code false} when the call
   * is already being forwarded or over.
   */
  @Transactional
  public boolean cancelled(HeldCall held, String reason, Instant now) {
    if (!store.withdraw(held.id(), reason, now)) {
      return false;
    }
    audit.record(
        held,
        HoldAudit.CANCELLED,
        "cancelled",
        Optional.of(reason),
        Optional.empty(),
        Optional.empty(),
        now);
    return true;
  }

  /**
   * APPROVED → FORWARDING: exactly one caller, ever, gets {@code true} and forwards. Without an
   * outcome by {@code answerBy} the forward counts as interrupted.
   */
  @Transactional
  public boolean claimForward(
      HeldCall held, String forwardedArguments, Instant answerBy, Instant now) {
    if (!store.claimForward(held.id(), answerBy, now)) {
      return false;
    }
    audit.record(
        held,
        HoldAudit.FORWARDED,
        "forwarding",
        Optional.empty(),
        Optional.empty(),
        Optional.of(AuditPayload.arguments(forwardedArguments)),
        now);
    return true;
  }

  /**
   * FORWARDING → COMPLETED with the upstream's answer ({@code {"result": ...}} or {@code {"error":
   * ...}}), or → FAILED when there is none; the answer is the outcome entry's payload. The entry is
   * written even when the call was meanwhile declared interrupted: the log then says both.
   */
  @Transactional
  public void forwarded(
      HeldCall held,
      String outcome,
      Optional<String> answerJson,
      Optional<String> failure,
      long upstreamMillis,
      Instant now) {
    HeldCallState state = answerJson.isPresent() ? HeldCallState.COMPLETED : HeldCallState.FAILED;
    store.finish(held.id(), state, failure, answerJson.map(box::seal), now);
    audit.record(
        held,
        AuditEvent.TOOL_CALL_OUTCOME,
        outcome,
        failure,
        Optional.of(upstreamMillis),
        answerJson.map(AuditPayload::result),
        now);
  }

  /**
   * FORWARDING → FAILED when no outcome was recorded in time: the node that forwarded stopped while
   * the upstream worked. Never forwarded again; the agent is told it may have run.
   */
  @Transactional
  public boolean interrupted(HeldCall held, String reason, Instant now) {
    if (!store.finish(
        held.id(), HeldCallState.FAILED, Optional.of(reason), Optional.empty(), now)) {
      return false;
    }
    audit.record(
        held,
        AuditEvent.TOOL_CALL_OUTCOME,
        "interrupted",
        Optional.of(reason),
        Optional.empty(),
        Optional.empty(),
        now);
    return true;
  }
}
