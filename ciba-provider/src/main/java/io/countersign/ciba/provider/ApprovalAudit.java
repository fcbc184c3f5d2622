package io.countersign.ciba.provider;

import io.countersign.audit.AuditEvent;
import io.countersign.audit.AuditEvent.Actor;
import io.countersign.audit.AuditEvent.ToolRef;
import io.countersign.audit.AuditLog;
import io.countersign.audit.AuditPayload;
import io.countersign.ciba.approval.ApprovalEvent;
import io.countersign.ciba.approval.ApprovalRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Appends an approval request's events to the tenant's audit log, in the caller's transaction: the
 * state change and its audit entries commit together or not at all. The correlation id is the
 * request's id, so the log links a request, its votes and its outcome. Then it tells in-transaction
 * observers ({@link ApprovalRecorded}): the approver notifications are written the same way.
 */
@ApplicationScoped
public class ApprovalAudit {

  /** The actor of what the provider does by itself (expiry). */
  static final Actor PROVIDER = Actor.system("ciba-provider");

  @Inject AuditLog auditLog;
  @Inject Event<ApprovalRecorded> recorded;

  /** Appends and clears the request's pending events. */
  public void record(ApprovalRequest request) {
    List<ApprovalEvent> events = request.drainEvents();
    for (ApprovalEvent event : events) {
      auditLog.append(entry(request, event));
    }
    if (!events.isEmpty()) {
      recorded.fire(new ApprovalRecorded(request, events));
    }
  }

  private static AuditEvent entry(ApprovalRequest request, ApprovalEvent event) {
    Actor actor = PROVIDER;
    Optional<String> decision = Optional.empty();
    Optional<String> reason = Optional.empty();
    Optional<AuditPayload> payload = Optional.empty();
    String argumentsSha256 = request.details().argumentsSha256();
    if (event instanceof ApprovalEvent.Requested) {
      actor = client(request.clientId());
      payload = Optional.of(AuditPayload.arguments(request.details().arguments().json()));
    } else if (event instanceof ApprovalEvent.VoteRecorded vote) {
      actor = Actor.member(vote.approver(), vote.approver());
      decision = Optional.of(vote.kind().name().toLowerCase(Locale.ROOT));
      reason = vote.reason().or(() -> Optional.of(vote.progress()));
      argumentsSha256 = vote.argumentsSha256().orElse(argumentsSha256);
      payload = vote.editedArguments().map(AuditPayload::arguments);
    } else if (event instanceof ApprovalEvent.Approved approved) {
      decision = Optional.of("approved");
      reason = Optional.of("approved by " + String.join(", ", approved.approvers()));
      argumentsSha256 = approved.argumentsSha256();
    } else if (event instanceof ApprovalEvent.Rejected rejected) {
      decision = Optional.of("rejected");
      reason =
          Optional.of(
              "rejected by " + String.join(", ", rejected.rejectedBy()) + ": " + rejected.reason());
    } else if (event instanceof ApprovalEvent.Cancelled cancelled) {
      reason = Optional.of(cancelled.reason());
    } else if (event instanceof ApprovalEvent.Reminded reminded) {
      reason =
          Optional.of(
              "reminder "
                  + reminded.reminder()
                  + " to "
                  + String.join(", ", reminded.recipients())
                  + " ("
                  + reminded.progress()
                  + ")");
    } else if (event instanceof ApprovalEvent.Escalated escalated) {
      decision = Optional.of("escalated");
      reason = Optional.of(escalation(escalated));
    } else if (event instanceof ApprovalEvent.Redeemed redeemed) {
      actor = client(redeemed.clientId());
      argumentsSha256 = request.currentArguments().sha256();
    }
    return new AuditEvent(
        event.tenant(),
        event.at(),
        event.type(),
        event.approvalId().toString(),
        actor,
        Optional.of(
            new ToolRef(request.details().upstream(), request.details().tool(), argumentsSha256)),
        decision,
        Optional.of(request.details().policyRule()),
        reason,
        request.state().name().toLowerCase(Locale.ROOT),
        Optional.empty(),
        Optional.empty(),
        payload);
  }

  /** E.g. {@code step 2: 1 of managers may approve too; told carol@example.com (...)}. */
  private static String escalation(ApprovalEvent.Escalated escalated) {
    StringBuilder text = new StringBuilder("step ").append(escalated.step()).append(':');
    escalated
        .added()
        .ifPresent(added -> text.append(' ').append(added).append(" may approve too;"));
    if (!escalated.notified().isEmpty()) {
      text.append(" notified ").append(String.join(", ", escalated.notified())).append(';');
    }
    text.append(" told ")
        .append(
            escalated.recipients().isEmpty() ? "nobody" : String.join(", ", escalated.recipients()))
        .append(" (")
        .append(escalated.progress())
        .append(')');
    return text.toString();
  }

  private static Actor client(String clientId) {
    return new Actor("client", clientId, clientId, Optional.empty());
  }
}
