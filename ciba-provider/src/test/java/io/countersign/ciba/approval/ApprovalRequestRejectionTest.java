package io.countersign.ciba.approval;

import static io.countersign.ciba.approval.TestApprovals.MEMBERS;
import static io.countersign.ciba.approval.TestApprovals.T0;
import static io.countersign.ciba.approval.TestApprovals.approve;
import static io.countersign.ciba.approval.TestApprovals.open;
import static io.countersign.ciba.approval.TestApprovals.reject;
import static io.countersign.ciba.approval.TestApprovals.vote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.countersign.ciba.quorum.GroupMembership;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApprovalRequestRejectionTest {

  @Test
  void rejectWhenDefaultPolicyThenFirstRejectionRejects() {
    ApprovalRequest request = open("2 of finance");

    VoteOutcome outcome = vote(request, new Ballot.Reject("acme", "fred", "amount looks wrong"));

    assertEquals(ApprovalState.REJECTED, decided(outcome));
    List<ApprovalEvent> events = request.drainEvents();
    ApprovalEvent.VoteRecorded recorded =
        assertInstanceOf(ApprovalEvent.VoteRecorded.class, events.get(0));
    assertEquals(Vote.Kind.REJECT, recorded.kind());
    assertEquals(Optional.of("amount looks wrong"), recorded.reason());
    assertEquals(Optional.empty(), recorded.argumentsSha256());
    assertEquals(
        new ApprovalEvent.Rejected(
            request.id(), "acme", T0.plusSeconds(60), List.of("fred"), "amount looks wrong"),
        events.get(1));
    assertEquals(Optional.empty(), request.approved());
  }

  @Test
  void rejectWhenDefaultPolicyAfterAnApprovalThenStillRejects() {
    ApprovalRequest request = open("2 of finance");
    vote(request, approve(request, "fred"));

    assertEquals(ApprovalState.REJECTED, decided(vote(request, reject("fiona"))));
  }

  @Test
  void rejectWhenUnreachablePolicyAndQuorumStillReachableThenRecorded() {
    ApprovalRequest request = open("2 of finance; reject when unreachable");

    VoteOutcome outcome = vote(request, reject("fred"));

    assertEquals(
        "0 of 2 from finance",
        assertInstanceOf(VoteOutcome.Recorded.class, outcome).progress().describe());
    assertEquals(ApprovalState.PENDING, request.state());
  }

  @Test
  void rejectWhenUnreachablePolicyAndTooFewLeftThenRejected() {
    ApprovalRequest request = open("2 of finance; reject when unreachable");
    vote(request, reject("fred"));
    request.drainEvents();

    VoteOutcome outcome = vote(request, reject("fiona"));

    assertEquals(ApprovalState.REJECTED, decided(outcome));
    ApprovalEvent.Rejected rejected =
        assertInstanceOf(ApprovalEvent.Rejected.class, request.drainEvents().get(1));
    assertEquals(List.of("fred", "fiona"), rejected.rejectedBy());
    assertEquals("the quorum can no longer be reached: 0 of 2 from finance", rejected.reason());
  }

  @Test
  void rejectWhenUnreachablePolicyThenApprovalsCountTowardWhatIsReachable() {
    ApprovalRequest request = open("2 of finance; reject when unreachable");
    vote(request, approve(request, "fred"));

    assertInstanceOf(VoteOutcome.Recorded.class, vote(request, reject("fiona")));
    assertInstanceOf(VoteOutcome.Decided.class, vote(request, approve(request, "frank")));
    assertEquals(ApprovalState.APPROVED, request.state());
  }

  @Test
  void rejectWhenUnreachablePolicyThenRequesterIsNotCountedAsPossibleApprover() {
    ApprovalRequest request = open("2 of finance; reject when unreachable", Optional.of("frank"));

    // fred rejects: only fiona is left (frank asked), one approver short of two.
    assertEquals(ApprovalState.REJECTED, decided(vote(request, reject("fred"))));
  }

  @Test
  void rejectWhenUnreachablePolicyThenMembershipAtVoteTimeDecides() {
    ApprovalRequest request = open("2 of finance; reject when unreachable");
    GroupMembership shrunk = MEMBERS.with("finance", "fred", "fiona");

    VoteOutcome outcome = request.vote(reject("fred"), shrunk, T0.plusSeconds(60));

    assertEquals(ApprovalState.REJECTED, decided(outcome));
  }

  @Test
  void rejectWhenUnreachablePolicyAndMultiGroupThenApproverInBothGroupsFillsOnlyOne() {
    ApprovalRequest request = open("1 of security and 1 of db-owners; reject when unreachable");

    // sam rejects: alice (security, db-owners) and dora (db-owners) can still cover both groups.
    assertInstanceOf(VoteOutcome.Recorded.class, vote(request, reject("sam")));
    assertInstanceOf(VoteOutcome.Recorded.class, vote(request, reject("dan")));
    // dora rejects: alice alone cannot count for both groups.
    assertEquals(ApprovalState.REJECTED, decided(vote(request, reject("dora"))));
  }

  @Test
  void rejectWhenNoReasonThenBallotRefusedAtConstruction() {
    assertThrows(IllegalArgumentException.class, () -> new Ballot.Reject("acme", "fred", " "));
    assertThrows(IllegalArgumentException.class, () -> new Ballot.Reject("acme", "fred", null));
    assertThrows(
        IllegalArgumentException.class, () -> new Ballot.Reject("acme", "fred", "x".repeat(501)));
  }

  private static ApprovalState decided(VoteOutcome outcome) {
    return assertInstanceOf(VoteOutcome.Decided.class, outcome).state();
  }
}
