package io.countersign.ciba.approval;

import static io.countersign.ciba.approval.TestApprovals.EDITED;
import static io.countersign.ciba.approval.TestApprovals.approve;
import static io.countersign.ciba.approval.TestApprovals.assertRefused;
import static io.countersign.ciba.approval.TestApprovals.edit;
import static io.countersign.ciba.approval.TestApprovals.open;
import static io.countersign.ciba.approval.TestApprovals.reject;
import static io.countersign.ciba.approval.TestApprovals.vote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.ciba.details.TestCalls;
import io.countersign.ciba.details.ToolArguments;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApprovalRequestEditTest {

  private static final ToolArguments EDITED_ARGUMENTS = ToolArguments.of(EDITED);

  @Test
  void editWhenFirstVoteThenEditedArgumentsUpForApproval() {
    ApprovalRequest request = open("2 of finance");

    VoteOutcome outcome = vote(request, edit("fred", EDITED));

    assertEquals(
        "1 of 2 from finance",
        assertInstanceOf(VoteOutcome.Recorded.class, outcome).progress().describe());
    assertEquals(EDITED_ARGUMENTS, request.currentArguments());
    assertEquals(TestCalls.ARGUMENTS_SHA256, request.details().argumentsSha256());
    ApprovalEvent.VoteRecorded event =
        assertInstanceOf(ApprovalEvent.VoteRecorded.class, request.drainEvents().get(0));
    assertEquals(Vote.Kind.APPROVE_EDITED, event.kind());
    assertEquals(Optional.of(EDITED), event.editedArguments());
    assertEquals(Optional.of(EDITED_ARGUMENTS.sha256()), event.argumentsSha256());
    assertEquals(List.of(), event.superseded());
  }

  @Test
  void editWhenEarlierApprovalOfOtherArgumentsThenItIsSupersededAndItsApproverMayVoteAgain() {
    ApprovalRequest request = open("2 of finance");
    String originalSha256 = request.currentArguments().sha256();
    vote(request, approve(request, "fred"));
    request.drainEvents();

    VoteOutcome edited = vote(request, edit("fiona", EDITED));

    assertEquals(
        "1 of 2 from finance",
        assertInstanceOf(VoteOutcome.Recorded.class, edited).progress().describe());
    ApprovalEvent.VoteRecorded event =
        assertInstanceOf(ApprovalEvent.VoteRecorded.class, request.drainEvents().get(0));
    assertEquals(List.of("fred"), event.superseded());
    assertTrue(request.votes().get(0).superseded());
    // fred's approval named the old arguments: approving them again is refused ...
    assertRefused(
        request, new Ballot.Approve("acme", "fred", originalSha256), VoteRefusal.ARGUMENTS_CHANGED);
    // ... approving the edited ones completes the quorum.
    VoteOutcome outcome = vote(request, approve(request, "fred"));

    assertEquals(
        ApprovalState.APPROVED, assertInstanceOf(VoteOutcome.Decided.class, outcome).state());
    ApprovalEvent.Approved approved =
        assertInstanceOf(ApprovalEvent.Approved.class, request.drainEvents().get(1));
    assertEquals(List.of("fiona", "fred"), approved.approvers());
    assertEquals(EDITED_ARGUMENTS.sha256(), approved.argumentsSha256());
    assertTrue(approved.argumentsEdited());
    ApprovedCall call = request.approved().orElseThrow();
    assertEquals(EDITED_ARGUMENTS, call.call().arguments());
    assertEquals(EDITED_ARGUMENTS.sha256(), call.call().argumentsSha256());
    assertTrue(call.argumentsEdited());
  }

  @Test
  void editWhenStandingVoterEditsAgainThenDuplicateVote() {
    ApprovalRequest request = open("2 of finance");
    vote(request, edit("fiona", EDITED));

    assertRefused(request, edit("fiona", TestCalls.ARGUMENTS), VoteRefusal.DUPLICATE_VOTE);
  }

  @Test
  void editWhenCanonicallyEqualToCurrentArgumentsThenPlainApproval() {
    ApprovalRequest request = open("2 of finance");
    vote(request, approve(request, "fred"));
    request.drainEvents();

    VoteOutcome outcome =
        vote(request, edit("fiona", "{\"currency\":\"EUR\",\"amount\":150.0,\"order\":\"A-17\"}"));

    assertEquals(
        ApprovalState.APPROVED, assertInstanceOf(VoteOutcome.Decided.class, outcome).state());
    ApprovalEvent.VoteRecorded event =
        assertInstanceOf(ApprovalEvent.VoteRecorded.class, request.drainEvents().get(0));
    assertEquals(List.of(), event.superseded());
    assertFalse(request.approved().orElseThrow().argumentsEdited());
  }

  @Test
  void editWhenLaterEditRestoresOriginalThenLastEditWins() {
    ApprovalRequest request = open("2 of finance");
    vote(request, edit("fred", EDITED));
    vote(request, edit("fiona", TestCalls.ARGUMENTS));

    assertEquals(TestCalls.ARGUMENTS_SHA256, request.currentArguments().sha256());
    assertEquals("1 of 2 from finance", request.progress().describe());

    vote(request, approve(request, "frank"));

    assertEquals(ApprovalState.APPROVED, request.state());
    assertEquals(List.of("fiona", "frank"), request.approved().orElseThrow().approvers());
    assertFalse(request.approved().orElseThrow().argumentsEdited());
  }

  @Test
  void editWhenEarlierRejectionUnderUnreachablePolicyThenRejectionStands() {
    ApprovalRequest request = open("2 of finance; reject when unreachable");
    vote(request, reject("fred"));
    vote(request, edit("fiona", EDITED));

    assertRefused(request, approve(request, "fred"), VoteRefusal.DUPLICATE_VOTE);
    assertEquals(1, request.votes().stream().filter(v -> v.kind() == Vote.Kind.REJECT).count());
  }

  @Test
  void editWhenApprovalSupersededThenSnapshotKeepsItAndRestoredRequestGoesOn() {
    ApprovalRequest request = open("2 of finance");
    vote(request, approve(request, "fred"));
    vote(request, edit("fiona", EDITED));

    ApprovalSnapshot snapshot = request.snapshot();
    ApprovalRequest restored = ApprovalRequest.restore(snapshot);

    assertEquals(2, snapshot.votes().size());
    assertTrue(snapshot.votes().get(0).superseded());
    assertFalse(snapshot.votes().get(0).stands());
    assertEquals(EDITED_ARGUMENTS, snapshot.currentArguments());
    assertEquals(TestCalls.ARGUMENTS_SHA256, snapshot.details().argumentsSha256());
    assertInstanceOf(VoteOutcome.Decided.class, vote(restored, approve(restored, "fred")));
  }
}
