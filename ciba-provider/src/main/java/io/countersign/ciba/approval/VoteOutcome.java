package io.countersign.ciba.approval;

import io.countersign.ciba.quorum.QuorumProgress;

/** What became of a {@link Ballot}. */
public sealed interface VoteOutcome {

  /** The vote counts; the request is still pending. */
  record Recorded(QuorumProgress progress) implements VoteOutcome {}

  /** The vote counts and decided the request: {@code state} is APPROVED or REJECTED. */
  record Decided(ApprovalState state, QuorumProgress progress) implements VoteOutcome {}

  /** The vote was refused and changed nothing. */
  record Refused(VoteRefusal reason) implements VoteOutcome {}
}
