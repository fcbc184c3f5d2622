package io.countersign.ciba.provider;

import io.countersign.ciba.AuthReqId;
import io.countersign.ciba.approval.ApprovalRequest;
import io.countersign.ciba.approval.Transition;
import io.countersign.ciba.store.ApprovalStore;
import io.countersign.ciba.store.StoredApproval;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;

/**
 * The client that asked withdraws its request: the agent cancelled the call it was for. CIBA Core
 * 1.0 has no cancel endpoint, so this is the built-in provider's in-process service for the
 * gateway. The request becomes CANCELLED (audited with the reason); approvers see it as withdrawn
 * and can no longer vote, and it is never redeemed.
 */
@ApplicationScoped
public class Withdrawals {

  /** What a withdrawal did. */
  public enum Withdrawn {
    /** The request was pending (or approved, not redeemed) and is now cancelled. */
    WITHDRAWN,
    /** It was already decided, expired, redeemed or cancelled: nothing changed. */
    ALREADY_DECIDED,
    /** No such request of this client in this tenant. */
    UNKNOWN
  }

  @Inject ApprovalStore store;
  @Inject ApprovalAudit audit;

  @Transactional
  public Withdrawn withdraw(
      String tenantId, String clientId, String authReqId, String reason, Instant now) {
    Optional<StoredApproval> row =
        AuthReqId.parse(authReqId).flatMap(id -> store.lockByAuthReqId(tenantId, id.sha256()));
    if (row.isEmpty()) {
      return Withdrawn.UNKNOWN;
    }
    ApprovalRequest request = ApprovalRequest.restore(row.get().snapshot());
    if (!request.clientId().equals(clientId)) {
      return Withdrawn.UNKNOWN;
    }
    if (!(request.cancel(reason, now) instanceof Transition.Applied)) {
      return Withdrawn.ALREADY_DECIDED;
    }
    audit.record(request);
    store.update(row.get().with(request.snapshot()));
    return Withdrawn.WITHDRAWN;
  }
}
