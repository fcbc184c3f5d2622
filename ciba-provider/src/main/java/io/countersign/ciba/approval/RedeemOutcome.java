package io.countersign.ciba.approval;

/**
 * What became of redeeming an {@code auth_req_id} at the token endpoint. The refusals map one to
 * one onto the token endpoint's errors (CIBA Core 1.0, section 11); that mapping belongs to the
 * endpoint.
 */
public sealed interface RedeemOutcome {

  /** The request was approved and is now redeemed: issue the token for {@code call}. */
  record Redeemed(ApprovedCall call) implements RedeemOutcome {}

  /** Nothing changed. */
  record Refused(Reason reason) implements RedeemOutcome {}

  /** Why a request could not be redeemed. */
  enum Reason {
    /** Another tenant's or client's request: {@code invalid_grant}, revealing nothing. */
    WRONG_CLIENT,
    /** Still waiting for votes: {@code authorization_pending}. */
    PENDING,
    /** Rejected or cancelled: {@code access_denied}. */
    DENIED,
    /** Expired, or approved but not redeemed in time: {@code expired_token}. */
    EXPIRED,
    /** Already exchanged for a token; single use: {@code invalid_grant}. */
    ALREADY_REDEEMED
  }
}
