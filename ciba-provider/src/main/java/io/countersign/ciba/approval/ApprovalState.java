package io.countersign.ciba.approval;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an {@link ApprovalRequest} is in its life.
 *
 * <pre>
 * PENDING ──▶ APPROVED ──▶ REDEEMED
 *    │           ├──▶ EXPIRED
 *    │           └──▶ CANCELLED
 *    ├──▶ REJECTED
 *    ├──▶ EXPIRED
 *    └──▶ CANCELLED
 * </pre>
 *
 * REJECTED, EXPIRED, CANCELLED and REDEEMED are terminal.
 */
public enum ApprovalState {
  /** Waiting for votes. */
  PENDING,
  /** The quorum approved; the client may redeem the {@code auth_req_id} once. */
  APPROVED,
  /** Refused by approvers. */
  REJECTED,
  /** Not decided, or not redeemed, before it expired. */
  EXPIRED,
  /** Withdrawn before it was redeemed. */
  CANCELLED,
  /** The approved request was exchanged for a token (single use). */
  REDEEMED;

  /** Whether no further transition is possible. */
  public boolean isTerminal() {
    return successors().isEmpty();
  }

  /** Whether a request in this state may move to {@code next}. */
  public boolean canBecome(ApprovalState next) {
    return successors().contains(next);
  }

  private Set<ApprovalState> successors() {
    return switch (this) {
      case PENDING -> EnumSet.of(APPROVED, REJECTED, EXPIRED, CANCELLED);
      case APPROVED -> EnumSet.of(REDEEMED, EXPIRED, CANCELLED);
      case REJECTED, EXPIRED, CANCELLED, REDEEMED -> EnumSet.noneOf(ApprovalState.class);
    };
  }
}
