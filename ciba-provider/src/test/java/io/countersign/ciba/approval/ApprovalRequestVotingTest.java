package io.countersign.ciba.approval;

import static io.countersign.ciba.approval.TestApprovals.EXPIRY;
import static io.countersign.ciba.approval.TestApprovals.MEMBERS;
import static io.countersign.ciba.approval.TestApprovals.T0;
import static io.countersign.ciba.approval.TestApprovals.approve;
import static io.countersign.ciba.approval.TestApprovals.assertRefused;
import static io.countersign.ciba.approval.TestApprovals.open;
import static io.countersign.ciba.approval.TestApprovals.reject;
import static io.countersign.ciba.approval.TestApprovals.vote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.ciba.details.Risk;
import io.countersign.ciba.details.TestCalls;
import io.countersign.ciba.quorum.GroupMembership;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ApprovalRequestVotingTest {

  @Test
  void openWhenNewThenPendingWithRequestedEvent() {
    ApprovalRequest request =
        ApprovalRequest.open(
            new NewApprovalRequest(
                UUID.randomUUID(),
                "gateway",
                Optional.of("rita"),
                TestCalls.call("2 of finance"),
                Optional.empty(),
                Duration.ofMinutes(15)),
            T0);

    assertEquals(ApprovalState.PENDING, request.state());
    assertEquals(EXPIRY, request.expiresAt());
    assertEquals(request.details().arguments(), request.currentArguments());
    assertEquals("0 of 2 from finance", request.progress().describe());
    assertEquals(
        List.of(
            new ApprovalEvent.Requested(
                request.id(),
                "acme",
                T0,
                "gateway",
                Optional.of("rita"),
                "shop",
                "refund_order",
                TestCalls.ARGUMENTS_SHA256,
                Risk.HIGH,
                "2 of finance",
                EXPIRY)),
        request.drainEvents());
  }

  @Test
  void voteWhenFirstOfTwoThenRecordedAndStillPending() {
    ApprovalRequest request = open("2 of finance");

    VoteOutcome outcome = vote(request, approve(request, "fred"));

    VoteOutcome.Recorded recorded = assertInstanceOf(VoteOutcome.Recorded.class, outcome);
    assertEquals("1 of 2 from finance", recorded.progress().describe());
    assertEquals(ApprovalState.PENDING, request.state());
    ApprovalEvent.VoteRecorded event =
        assertInstanceOf(ApprovalEvent.VoteRecorded.class, request.drainEvents().get(0));
    assertEquals("fred", event.approver());
    assertEquals(Vote.Kind.APPROVE, event.kind());
    assertEquals(Set.of("finance"), event.groups());
    assertEquals(Optional.of(TestCalls.ARGUMENTS_SHA256), event.argumentsSha256());
    assertEquals("1 of 2 from finance", event.progress());
    assertEquals("approval.vote_recorded", event.type());
  }

  @Test
  void voteWhenTwoDistinctApproversOfTwoOfThreeThenApproved() {
    ApprovalRequest request = open("2 of finance");
    vote(request, approve(request, "fred"));

    VoteOutcome outcome = vote(request, approve(request, "fiona"));

    assertEquals(
        ApprovalState.APPROVED, assertInstanceOf(VoteOutcome.Decided.class, outcome).state());
    assertEquals(ApprovalState.APPROVED, request.state());
    List<ApprovalEvent> events = request.drainEvents();
    assertEquals(3, events.size());
    assertEquals(
        new ApprovalEvent.Approved(
            request.id(),
            "acme",
            T0.plusSeconds(60),
            List.of("fred", "fiona"),
            TestCalls.ARGUMENTS_SHA256,
            false),
        events.get(2));
    ApprovedCall call = request.approved().orElseThrow();
    assertEquals(List.of("fred", "fiona"), call.approvers());
    assertEquals(request.details(), call.call());
  }

  @Test
  void voteWhenSameApproverTwiceThenDuplicateVoteRefused() {
    ApprovalRequest request = open("2 of finance");
    vote(request, approve(request, "fred"));
    request.drainEvents();

    assertRefused(request, approve(request, "fred"), VoteRefusal.DUPLICATE_VOTE);
    assertRefused(request, reject("fred"), VoteRefusal.DUPLICATE_VOTE);
    assertEquals(ApprovalState.PENDING, request.state());
    assertEquals(1, request.votes().size());
  }

  @Test
  void voteWhenVoterIsRequesterThenSelfApprovalRefused() {
    ApprovalRequest request = open("1 of finance", Optional.of("fred"));

    assertRefused(request, approve(request, "fred"), VoteRefusal.SELF_APPROVAL);
    assertRefused(request, reject("fred"), VoteRefusal.SELF_APPROVAL);
    assertRefused(
        request, TestApprovals.edit("fred", TestApprovals.EDITED), VoteRefusal.SELF_APPROVAL);
  }

  @Test
  void voteWhenRequesterUnknownThenAnyMemberMayVote() {
    ApprovalRequest request = open("1 of finance", Optional.empty());

    assertInstanceOf(VoteOutcome.Decided.class, vote(request, approve(request, "fred")));
  }

  @Test
  void voteWhenVoterInNoGroupOfTheRuleThenNotAMemberRefused() {
    ApprovalRequest request = open("1 of finance");

    assertRefused(request, approve(request, "eve"), VoteRefusal.NOT_A_MEMBER);
    assertRefused(request, approve(request, "sam"), VoteRefusal.NOT_A_MEMBER);
    assertRefused(request, reject("mallory"), VoteRefusal.NOT_A_MEMBER);
  }

  @Test
  void voteWhenMemberRemovedAfterVotingThenEarlierVoteStillCounts() {
    ApprovalRequest request = open("2 of finance");
    vote(request, approve(request, "fred"));
    GroupMembership fredRemoved = MEMBERS.with("finance", "fiona", "frank");

    assertRefused(request, approve(request, "fred"), VoteRefusal.DUPLICATE_VOTE);
    VoteOutcome outcome = request.vote(approve(request, "fiona"), fredRemoved, T0.plusSeconds(120));

    assertEquals(
        ApprovalState.APPROVED, assertInstanceOf(VoteOutcome.Decided.class, outcome).state());
  }

  @Test
  void voteWhenMemberJoinedSinceOpeningThenAccepted() {
    ApprovalRequest request = open("1 of finance");
    GroupMembership joined = MEMBERS.with("finance", "fred", "fiona", "frank", "nina");

    VoteOutcome outcome = request.vote(approve(request, "nina"), joined, T0.plusSeconds(60));

    assertInstanceOf(VoteOutcome.Decided.class, outcome);
  }

  @Test
  void voteWhenOtherTenantThenWrongTenantRefusedBeforeAnythingElse() {
    ApprovalRequest request = open("1 of finance");
    String sha256 = request.currentArguments().sha256();

    assertRefused(request, new Ballot.Approve("globex", "fred", sha256), VoteRefusal.WRONG_TENANT);
    assertRefused(request, new Ballot.Approve("globex", "rita", sha256), VoteRefusal.WRONG_TENANT);
    assertRefused(
        request, new Ballot.Approve("globex", "fred", sha256), VoteRefusal.WRONG_TENANT, EXPIRY);
  }

  @Test
  void voteWhenAtOrAfterExpiryThenExpiredRefused() {
    ApprovalRequest request = open("1 of finance");

    assertRefused(request, approve(request, "fred"), VoteRefusal.EXPIRED, EXPIRY);
    assertRefused(request, reject("fred"), VoteRefusal.EXPIRED, EXPIRY.plusSeconds(3600));
    assertInstanceOf(
        VoteOutcome.Decided.class,
        request.vote(approve(request, "fred"), MEMBERS, EXPIRY.minusNanos(1)));
  }

  @Test
  void voteWhenExpiredStateThenExpiredRefused() {
    ApprovalRequest request = open("1 of finance");
    request.expire(EXPIRY);
    request.drainEvents();

    assertRefused(request, approve(request, "fred"), VoteRefusal.EXPIRED);
  }

  @Test
  void voteWhenNoLongerPendingThenNotPendingRefused() {
    ApprovalRequest approved = TestApprovals.approved();
    assertRefused(approved, approve(approved, "fiona"), VoteRefusal.NOT_PENDING);

    ApprovalRequest rejected = open("1 of finance");
    vote(rejected, reject("fred"));
    rejected.drainEvents();
    assertRefused(rejected, approve(rejected, "fiona"), VoteRefusal.NOT_PENDING);

    ApprovalRequest cancelled = open("1 of finance");
    cancelled.cancel("agent gave up", T0.plusSeconds(5));
    cancelled.drainEvents();
    assertRefused(cancelled, approve(cancelled, "fiona"), VoteRefusal.NOT_PENDING);

    ApprovalRequest redeemed = TestApprovals.approved();
    redeemed.redeem("acme", "gateway", T0.plusSeconds(90));
    redeemed.drainEvents();
    assertRefused(redeemed, approve(redeemed, "fiona"), VoteRefusal.NOT_PENDING);
  }

  @Test
  void voteWhenPlainApprovalNamesOtherArgumentsThenArgumentsChangedRefused() {
    ApprovalRequest request = open("2 of finance");

    assertRefused(
        request, new Ballot.Approve("acme", "fred", "0".repeat(64)), VoteRefusal.ARGUMENTS_CHANGED);
  }

  @Test
  void voteWhenMultiGroupRuleThenEachGroupNeedsItsOwnApprovers() {
    ApprovalRequest request = open("1 of security and 2 of db-owners");

    VoteOutcome first = vote(request, approve(request, "alice"));
    VoteOutcome second = vote(request, approve(request, "sam"));
    VoteOutcome third = vote(request, approve(request, "dora"));

    assertEquals(
        "1 of 1 from security, 0 of 2 from db-owners",
        assertInstanceOf(VoteOutcome.Recorded.class, first).progress().describe());
    // alice (in both groups) moves to db-owners so that sam's vote counts for security.
    assertEquals(
        "1 of 1 from security, 1 of 2 from db-owners",
        assertInstanceOf(VoteOutcome.Recorded.class, second).progress().describe());
    VoteOutcome.Decided decided = assertInstanceOf(VoteOutcome.Decided.class, third);
    assertEquals(ApprovalState.APPROVED, decided.state());
    assertEquals(List.of("sam"), decided.progress().groups().get(0).counted());
    assertEquals(List.of("alice", "dora"), decided.progress().groups().get(1).counted());
  }

  @Test
  void voteWhenOneApproverInBothGroupsThenTheyCountOnce() {
    ApprovalRequest request = open("1 of security and 1 of db-owners");

    VoteOutcome outcome = vote(request, approve(request, "alice"));

    assertInstanceOf(VoteOutcome.Recorded.class, outcome);
    assertEquals(ApprovalState.PENDING, request.state());
    assertTrue(request.progress().stillNeeded() > 0);
  }

  @Test
  void voteWhenMultiGroupAndOnlyOneGroupVotesThenPending() {
    ApprovalRequest request = open("1 of security and 2 of db-owners");
    vote(request, approve(request, "dora"));

    VoteOutcome outcome = vote(request, approve(request, "dan"));

    assertEquals(
        "0 of 1 from security, 2 of 2 from db-owners",
        assertInstanceOf(VoteOutcome.Recorded.class, outcome).progress().describe());
  }
}
