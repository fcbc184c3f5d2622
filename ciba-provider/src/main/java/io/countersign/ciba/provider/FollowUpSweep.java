package io.countersign.ciba.provider;

import io.countersign.ciba.approval.ApprovalRequest;
import io.countersign.ciba.approval.ApprovalState;
import io.countersign.ciba.store.ApprovalStore;
import io.countersign.ciba.store.StoredApproval;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Takes the reminders and escalation steps that are due on pending requests (the rule's {@code
 * remindEvery} and {@code escalation}): each one an {@code approval.reminded} or {@code
 * approval.escalated} audit entry, naming who was told, in the transaction that records it as
 * taken. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so on several nodes each is taken
 * once.
 *
 * <p>A step whose added quorum the approvals already cast meet approves the request, and the client
 * is told as after a deciding vote.
 */
@ApplicationScoped
public class FollowUpSweep {

  static final int BATCH = 50;

  @Inject ApprovalStore store;
  @Inject ApprovalAudit audit;
  @Inject Decisions decisions;
  @Inject DecisionCallbacks callbacks;
  @Inject Event<ApprovalProgressed> progressed;

  /** Takes what is due; returns how many reminders and steps were taken. */
  @Transactional
  public int followUpDue(Instant now) {
    int taken = 0;
    for (StoredApproval row : store.claimFollowUps(now, BATCH)) {
      ApprovalRequest request = ApprovalRequest.restore(row.snapshot());
      int addedBefore = request.added().size();
      taken += request.followUp(decisions.membership(request.tenant(), request.namedGroups()), now);
      if (request.state() == ApprovalState.APPROVED) {
        callbacks.decided(row, request, now);
      } else if (request.added().size() > addedBefore) {
        progressed.fire(Decisions.progress(row, now));
      }
      audit.record(request);
      store.update(row.with(request.snapshot()));
    }
    return taken;
  }
}
