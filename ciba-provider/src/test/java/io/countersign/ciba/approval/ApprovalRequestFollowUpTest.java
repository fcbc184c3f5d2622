package io.countersign.ciba.approval;

import static io.countersign.ciba.approval.TestApprovals.CLIENT;
import static io.countersign.ciba.approval.TestApprovals.T0;
import static io.countersign.ciba.approval.TestApprovals.TENANT;
import static io.countersign.ciba.approval.TestApprovals.TTL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.countersign.ciba.approval.ApprovalEvent.Escalated;
import io.countersign.ciba.approval.ApprovalEvent.Reminded;
import io.countersign.ciba.details.TestCalls;
import io.countersign.ciba.quorum.GroupMembership;
import io.countersign.ciba.quorum.QuorumRule;
import io.countersign.ciba.store.SnapshotJson;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Reminders and escalation steps of a pending request. */
class ApprovalRequestFollowUpTest {

  /** db-owners: alice, dan, dora; security: sam, rita (the requester); managers: mia, dora. */
  private static final GroupMembership MEMBERS =
      GroupMembership.empty()
          .with("db-owners", "alice", "dan", "dora")
          .with("security", "sam", "rita")
          .with("managers", "mia", "dora");

  private static ApprovalRequest open(String quorum) {
    ApprovalRequest request =
        ApprovalRequest.open(
            new NewApprovalRequest(
                UUID.randomUUID(),
                CLIENT,
                Optional.of("rita"),
                TestCalls.call(quorum, TestCalls.FOLLOW_UP),
                Optional.empty(),
                TTL),
            T0);
    request.drainEvents();
    return request;
  }

  private static Ballot approve(ApprovalRequest request, String approver) {
    return new Ballot.Approve(TENANT, approver, request.currentArguments().sha256());
  }

  private static Instant at(int minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  @Test
  void followUpWhenStepsAndRemindersComeDueThenEachTakenOnceWithItsRecipients() {
    ApprovalRequest request = open("2 of db-owners");
    assertEquals(Optional.of(at(3)), request.followUpDue());
    assertEquals(0, request.followUp(MEMBERS, at(2)));

    assertEquals(1, request.followUp(MEMBERS, at(3)));
    assertEquals(
        List.of(
            new Escalated(
                request.id(),
                TENANT,
                at(3),
                1,
                List.of("security"),
                Optional.empty(),
                List.of("sam"),
                "0 of 2 from db-owners")),
        request.drainEvents());
    assertEquals(List.of("security"), request.notifiedGroups());
    assertEquals(Optional.of(at(5)), request.followUpDue());

    request.vote(approve(request, "alice"), MEMBERS, at(4));
    request.drainEvents();
    assertEquals(1, request.followUp(MEMBERS, at(5)));
    assertEquals(
        List.of(
            new Reminded(
                request.id(), TENANT, at(5), 1, List.of("dan", "dora"), "1 of 2 from db-owners")),
        request.drainEvents());
    assertEquals(Optional.of(at(6)), request.followUpDue());
    assertEquals(0, request.followUp(MEMBERS, at(5)));
  }

  @Test
  void voteWhenAddedQuorumMetThenApprovedByIt() {
    ApprovalRequest request = open("2 of db-owners");
    request.vote(approve(request, "alice"), MEMBERS, at(1));
    assertEquals(
        new VoteOutcome.Refused(VoteRefusal.NOT_A_MEMBER),
        request.vote(approve(request, "mia"), MEMBERS, at(2)));
    request.drainEvents();

    request.followUp(MEMBERS, at(6));
    Escalated added = (Escalated) request.drainEvents().get(1);
    assertEquals(Optional.of("1 of managers"), added.added());
    assertEquals(List.of("dora", "mia"), added.recipients());
    assertEquals("1 of 2 from db-owners; or 0 of 1 from managers", request.progress().describe());
    assertEquals(List.of(QuorumRule.parse("1 of managers")), request.added());

    VoteOutcome outcome = request.vote(approve(request, "mia"), MEMBERS, at(7));

    assertInstanceOf(VoteOutcome.Decided.class, outcome);
    assertEquals(ApprovalState.APPROVED, request.state());
    assertEquals(Optional.empty(), request.followUpDue());
    assertEquals(0, request.followUp(MEMBERS, at(10)));
  }

  @Test
  void followUpWhenTimerLateThenStepsInOrderAndOneReminder() {
    ApprovalRequest request = open("2 of db-owners");

    assertEquals(3, request.followUp(MEMBERS, at(11)));

    List<ApprovalEvent> events = request.drainEvents();
    assertEquals(1, ((Escalated) events.get(0)).step());
    assertEquals(2, ((Escalated) events.get(1)).step());
    assertEquals(2, ((Reminded) events.get(2)).reminder());
    assertEquals(List.of("alice", "dan", "dora", "mia"), ((Reminded) events.get(2)).recipients());
    assertEquals(Optional.empty(), request.followUpDue());
  }

  @Test
  void followUpWhenExpiredThenNothing() {
    ApprovalRequest request = open("2 of db-owners");

    assertEquals(0, request.followUp(MEMBERS, at(15)));
    assertEquals(List.of(), request.drainEvents());
  }

  @Test
  void rejectWhenOwnQuorumUnreachableButAddedOneReachableThenStillPending() {
    ApprovalRequest request = open("3 of db-owners; reject when unreachable");
    request.followUp(MEMBERS, at(6));

    request.vote(new Ballot.Reject(TENANT, "dan", "no"), MEMBERS, at(7));

    assertEquals(ApprovalState.PENDING, request.state());
    request.vote(approve(request, "mia"), MEMBERS, at(8));
    assertEquals(ApprovalState.APPROVED, request.state());
  }

  @Test
  void followUpWhenApprovalCastBeforeTheStepMeetsTheAddedQuorumThenApproved() {
    ApprovalRequest request = open("2 of db-owners");
    request.vote(approve(request, "dora"), MEMBERS, at(1));
    request.drainEvents();

    assertEquals(2, request.followUp(MEMBERS, at(6)));

    assertEquals(ApprovalState.APPROVED, request.state());
    List<ApprovalEvent> events = request.drainEvents();
    assertEquals(
        List.of("approval.escalated", "approval.escalated", "approval.approved"),
        events.stream().map(ApprovalEvent::type).toList());
    assertEquals(List.of("dora"), ((ApprovalEvent.Approved) events.get(2)).approvers());
    assertEquals(Optional.empty(), request.followUpDue());
  }

  @Test
  void snapshotWhenStoredAndReadThenCountersKept() {
    ApprovalRequest request = open("2 of db-owners");
    request.followUp(MEMBERS, at(6));

    ApprovalSnapshot read = SnapshotJson.read(SnapshotJson.write(request.snapshot()));

    assertEquals(request.snapshot(), read);
    assertEquals(1, read.remindersSent());
    assertEquals(2, read.stepsTaken());
  }
}
