package io.countersign.ciba.approval;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A vote as the request keeps it.
 *
 * @param approver the member who voted
 * @param kind how they voted
 * @param groups the groups of the rule the approver belonged to when voting; the quorum counts them
 *     in these groups even if membership changes later
 * @param argumentsSha256 for approvals, the digest of the arguments approved
 * @param reason for rejections, the approver's reason
 * @param at when the vote was cast
 * @param superseded true for an approval that no longer counts because another approver edited the
 *     arguments afterwards; its approver may vote again
 */
public record Vote(
    String approver,
    Kind kind,
    Set<String> groups,
    Optional<String> argumentsSha256,
    Optional<String> reason,
    Instant at,
    boolean superseded) {

  /** How an approver voted. */
  public enum Kind {
    APPROVE,
    APPROVE_EDITED,
    REJECT;

    /** Whether this kind approves. */
    public boolean approves() {
      return this != REJECT;
    }
  }

  public Vote {
    Objects.requireNonNull(approver, "approver");
    Objects.requireNonNull(kind, "kind");
    groups = Set.copyOf(groups);
    Objects.requireNonNull(at, "at");
    if (kind.approves() != argumentsSha256.isPresent() || kind.approves() == reason.isPresent()) {
      throw new IllegalArgumentException(
          "an approval names its arguments' digest, a rejection its reason");
    }
    if (superseded && !kind.approves()) {
      throw new IllegalArgumentException("only approvals are superseded");
    }
  }

  /** Whether this vote still stands (every rejection does; an approval until superseded). */
  public boolean stands() {
    return !superseded;
  }

  Vote supersede() {
    return new Vote(approver, kind, groups, argumentsSha256, reason, at, true);
  }
}
