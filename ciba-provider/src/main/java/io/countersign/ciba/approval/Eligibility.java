package io.countersign.ciba.approval;

import io.countersign.ciba.quorum.Approver;
import io.countersign.ciba.quorum.GroupMembership;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Who may vote on a request, and who still could. */
final class Eligibility {

  private Eligibility() {}

  /** Why {@code ballot} may not be cast, in the order {@link ApprovalRequest#vote} documents. */
  static Optional<VoteRefusal> refusal(
      ApprovalRequest request, Ballot ballot, GroupMembership membership, Instant now) {
    ApprovalState state = request.state();
    VoteRefusal refusal = null;
    if (!ballot.tenant().equals(request.tenant())) {
      refusal = VoteRefusal.WRONG_TENANT;
    } else if (state == ApprovalState.EXPIRED
        || (state == ApprovalState.PENDING && !now.isBefore(request.expiresAt()))) {
      // CIBA Core 1.0, section 7.3: after expires_in the auth_req_id is no longer valid.
      refusal = VoteRefusal.EXPIRED;
    } else if (state != ApprovalState.PENDING) {
      refusal = VoteRefusal.NOT_PENDING;
    } else if (isRequester(request, ballot.approver())) {
      refusal = VoteRefusal.SELF_APPROVAL;
    } else if (membership.groupsOf(ballot.approver(), request.decidingGroups()).isEmpty()) {
      refusal = VoteRefusal.NOT_A_MEMBER;
    } else if (request.hasStandingVote(ballot.approver())) {
      refusal = VoteRefusal.DUPLICATE_VOTE;
    } else if (ballot instanceof Ballot.Approve approve
        && !approve.argumentsSha256().equals(request.currentArguments().sha256())) {
      refusal = VoteRefusal.ARGUMENTS_CHANGED;
    }
    return Optional.ofNullable(refusal);
  }

  /**
   * The members of the deciding groups (the rule's and those escalation added) who could still
   * approve: not the requester, and without a standing vote (an approver whose approval an edit
   * superseded may vote again).
   */
  static List<Approver> stillEligible(ApprovalRequest request, GroupMembership membership) {
    List<String> groups = request.decidingGroups();
    return membership.eligible(groups).stream()
        .filter(member -> !isRequester(request, member))
        .filter(member -> !request.hasStandingVote(member))
        .map(member -> new Approver(member, membership.groupsOf(member, groups)))
        .toList();
  }

  private static boolean isRequester(ApprovalRequest request, String member) {
    return request.requester().filter(member::equals).isPresent();
  }
}
