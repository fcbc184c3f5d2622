package io.countersign.ciba.provider;

import io.countersign.ciba.approval.ApprovalRequest;
import io.countersign.ciba.approval.Transition;
import io.countersign.ciba.store.ApprovalStore;
import io.countersign.ciba.store.StoredApproval;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Expires requests nobody decided, or redeemed, in time: each gets its {@code approval.expired}
 * audit entry and, for ping and push clients, its callback. Rows are claimed with {@code FOR UPDATE
 * SKIP LOCKED}, so on several nodes each request expires once. Polling clients learn of an expiry
 * from the token endpoint even before the sweep reaches it.
 */
@ApplicationScoped
public class ExpirySweep {

  static final int BATCH = 50;

  @Inject ApprovalStore store;
  @Inject ApprovalAudit audit;
  @Inject DecisionCallbacks callbacks;

  /** Expires what is due; returns how many requests expired. */
  @Transactional
  public int expireDue(Instant now) {
    int expired = 0;
    for (StoredApproval row : store.claimExpired(now, BATCH)) {
      ApprovalRequest request = ApprovalRequest.restore(row.snapshot());
      if (request.expire(now) instanceof Transition.Applied) {
        callbacks.decided(row, request, now);
        audit.record(request);
        store.update(row.with(request.snapshot()));
        expired++;
      }
    }
    return expired;
  }
}
