package io.countersign.ciba.approval;

/**
 * Why a ballot was refused. A refused ballot changes nothing and produces no event; callers may
 * still audit the attempt. Checked in this order, so that another tenant learns nothing.
 */
public enum VoteRefusal {
  /** The ballot's tenant is not the request's. */
  WRONG_TENANT,
  /** The request expired (whether or not the expiry transition has happened yet). */
  EXPIRED,
  /** The request is no longer pending (approved, rejected, cancelled or redeemed). */
  NOT_PENDING,
  /** The voter is the member on whose behalf the agent acts. */
  SELF_APPROVAL,
  /** The voter belongs to no group the rule names (membership as of the vote). */
  NOT_A_MEMBER,
  /** The voter's earlier vote on this request still stands. */
  DUPLICATE_VOTE,
  /** A plain approval named arguments that are no longer the ones up for approval. */
  ARGUMENTS_CHANGED
}
