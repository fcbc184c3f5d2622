package io.countersign.gateway.hold;

/** Where a held call stands. The last five are terminal: nothing moves a call out of them. */
public enum HeldCallState {
  /** The row exists; the backchannel request to the approvers is being sent. */
  REQUESTING,
  /** The approvers have the request; the gateway waits for a ping or polls. */
  PENDING,
  /** The provider issued a token for it; forwarding has not been claimed yet. */
  APPROVED,
  /** One node claimed the forward; the upstream has (or had) the call. */
  FORWARDING,
  /** Forwarded once; the upstream's answer is stored. */
  COMPLETED,
  /** An approver rejected it (or the quorum became unreachable). */
  REJECTED,
  /** Nobody decided in time: never confused with a rejection. */
  EXPIRED,
  /** It could not be asked, or could not be forwarded as approved; nothing ran. */
  FAILED,
  /** The agent withdrew it. */
  CANCELLED;

  public boolean isTerminal() {
    return ordinal() >= COMPLETED.ordinal();
  }
}
