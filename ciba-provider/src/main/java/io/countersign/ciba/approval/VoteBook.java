package io.countersign.ciba.approval;

import io.countersign.ciba.quorum.Approver;
import java.util.ArrayList;
import java.util.List;

/** The votes of one request, in the order cast, and the questions the aggregate asks of them. */
final class VoteBook {

  private final List<Vote> votes;

  VoteBook(List<Vote> votes) {
    this.votes = new ArrayList<>(votes);
  }

  List<Vote> all() {
    return List.copyOf(votes);
  }

  void add(Vote vote) {
    votes.add(vote);
  }

  /** Whether {@code approver} has a vote that still stands. */
  boolean hasStandingVote(String approver) {
    return votes.stream().anyMatch(vote -> vote.stands() && vote.approver().equals(approver));
  }

  /** The standing approvals of the arguments with digest {@code sha256}, in vote order. */
  List<Approver> approvalsOf(String sha256) {
    return votes.stream()
        .filter(vote -> vote.stands() && vote.argumentsSha256().filter(sha256::equals).isPresent())
        .map(vote -> new Approver(vote.approver(), vote.groups()))
        .toList();
  }

  /** The approvers who rejected, in vote order. */
  List<String> rejecters() {
    return votes.stream()
        .filter(vote -> vote.kind() == Vote.Kind.REJECT)
        .map(Vote::approver)
        .toList();
  }

  /**
   * Marks every standing approval of other arguments than {@code sha256} as superseded.
   *
   * @return the approvers concerned, in vote order
   */
  List<String> supersedeApprovalsOtherThan(String sha256) {
    List<String> superseded = new ArrayList<>();
    for (int i = 0; i < votes.size(); i++) {
      Vote vote = votes.get(i);
      if (vote.stands() && vote.kind().approves() && !vote.argumentsSha256().get().equals(sha256)) {
        votes.set(i, vote.supersede());
        superseded.add(vote.approver());
      }
    }
    return superseded;
  }
}
