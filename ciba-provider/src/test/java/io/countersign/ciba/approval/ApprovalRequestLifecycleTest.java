package io.countersign.ciba.approval;

import static io.countersign.ciba.approval.TestApprovals.CLIENT;
import static io.countersign.ciba.approval.TestApprovals.EXPIRY;
import static io.countersign.ciba.approval.TestApprovals.T0;
import static io.countersign.ciba.approval.TestApprovals.TENANT;
import static io.countersign.ciba.approval.TestApprovals.approve;
import static io.countersign.ciba.approval.TestApprovals.approved;
import static io.countersign.ciba.approval.TestApprovals.open;
import static io.countersign.ciba.approval.TestApprovals.reject;
import static io.countersign.ciba.approval.TestApprovals.vote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.countersign.ciba.details.TestCalls;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ApprovalRequestLifecycleTest {

  private static final Instant LATER = T0.plusSeconds(90);

  @Test
  void expireWhenPendingAndDueThenExpiredWithEvent() {
    ApprovalRequest request = open("1 of finance");

    assertEquals(
        new Transition.Applied(ApprovalState.PENDING, ApprovalState.EXPIRED),
        request.expire(EXPIRY));
    assertEquals(ApprovalState.EXPIRED, request.state());
    assertEquals(
        List.of(new ApprovalEvent.Expired(request.id(), TENANT, EXPIRY, ApprovalState.PENDING)),
        request.drainEvents());
  }

  @Test
  void expireWhenNotYetDueThenRefusedAndUnchanged() {
    ApprovalRequest request = open("1 of finance");

    assertEquals(
        new Transition.Refused(Transition.Reason.NOT_DUE, ApprovalState.PENDING),
        request.expire(EXPIRY.minusMillis(1)));
    assertEquals(ApprovalState.PENDING, request.state());
    assertEquals(List.of(), request.drainEvents());
  }

  @Test
  void expireWhenApprovedButNotRedeemedInTimeThenExpired() {
    ApprovalRequest request = approved();

    assertEquals(
        new Transition.Applied(ApprovalState.APPROVED, ApprovalState.EXPIRED),
        request.expire(EXPIRY.plusSeconds(1)));
    assertEquals(Optional.empty(), request.approved());
  }

  @Test
  void expireWhenTerminalThenRefused() {
    for (ApprovalRequest request : terminalRequests()) {
      ApprovalState state = request.state();

      assertEquals(
          new Transition.Refused(Transition.Reason.TERMINAL, state),
          request.expire(EXPIRY.plusSeconds(3600)));
      assertEquals(state, request.state());
      assertEquals(List.of(), request.drainEvents());
    }
  }

  @Test
  void cancelWhenPendingThenCancelledWithReason() {
    ApprovalRequest request = open("1 of finance");

    assertEquals(
        new Transition.Applied(ApprovalState.PENDING, ApprovalState.CANCELLED),
        request.cancel("agent disconnected", LATER));
    assertEquals(
        List.of(
            new ApprovalEvent.Cancelled(
                request.id(), TENANT, LATER, ApprovalState.PENDING, "agent disconnected")),
        request.drainEvents());
  }

  @Test
  void cancelWhenApprovedThenCancelledAndNeverRedeemed() {
    ApprovalRequest request = approved();

    assertEquals(
        new Transition.Applied(ApprovalState.APPROVED, ApprovalState.CANCELLED),
        request.cancel("administrator stopped it", LATER));
    assertEquals(
        new RedeemOutcome.Refused(RedeemOutcome.Reason.DENIED),
        request.redeem(TENANT, CLIENT, LATER));
  }

  @Test
  void cancelWhenTerminalThenRefused() {
    for (ApprovalRequest request : terminalRequests()) {
      ApprovalState state = request.state();

      assertEquals(
          new Transition.Refused(Transition.Reason.TERMINAL, state), request.cancel("late", LATER));
      assertEquals(state, request.state());
      assertEquals(List.of(), request.drainEvents());
    }
  }

  @Test
  void cancelWhenNoReasonThenIllegalArgument() {
    assertThrows(IllegalArgumentException.class, () -> open("1 of finance").cancel(" ", LATER));
  }

  @Test
  void redeemWhenApprovedThenRedeemedOnceWithApprovedCall() {
    ApprovalRequest request = approved();

    RedeemOutcome outcome = request.redeem(TENANT, CLIENT, LATER);

    ApprovedCall call = assertInstanceOf(RedeemOutcome.Redeemed.class, outcome).call();
    assertEquals(request.id(), call.approvalId());
    assertEquals(CLIENT, call.clientId());
    assertEquals(List.of("fred"), call.approvers());
    assertEquals(TestCalls.ARGUMENTS_SHA256, call.call().argumentsSha256());
    assertEquals(ApprovalState.REDEEMED, request.state());
    assertEquals(
        List.of(new ApprovalEvent.Redeemed(request.id(), TENANT, LATER, CLIENT)),
        request.drainEvents());
    assertEquals(
        new RedeemOutcome.Refused(RedeemOutcome.Reason.ALREADY_REDEEMED),
        request.redeem(TENANT, CLIENT, LATER.plusSeconds(1)));
  }

  @Test
  void redeemWhenAttackerClientUsesVictimsRequestThenWrongClientAndUnchanged() {
    ApprovalRequest request = approved();

    assertEquals(refused(RedeemOutcome.Reason.WRONG_CLIENT), request.redeem(TENANT, "evil", LATER));
    assertEquals(
        refused(RedeemOutcome.Reason.WRONG_CLIENT), request.redeem("globex", CLIENT, LATER));
    assertEquals(ApprovalState.APPROVED, request.state());
    assertEquals(List.of(), request.drainEvents());
    assertInstanceOf(RedeemOutcome.Redeemed.class, request.redeem(TENANT, CLIENT, LATER));
  }

  @Test
  void redeemWhenPendingThenPendingOrExpired() {
    ApprovalRequest request = open("2 of finance");

    assertEquals(refused(RedeemOutcome.Reason.PENDING), request.redeem(TENANT, CLIENT, LATER));
    assertEquals(refused(RedeemOutcome.Reason.EXPIRED), request.redeem(TENANT, CLIENT, EXPIRY));
    assertEquals(ApprovalState.PENDING, request.state());
  }

  @Test
  void redeemWhenApprovedButPastExpiryThenExpiredAndUnchanged() {
    ApprovalRequest request = approved();

    assertEquals(refused(RedeemOutcome.Reason.EXPIRED), request.redeem(TENANT, CLIENT, EXPIRY));
    assertEquals(ApprovalState.APPROVED, request.state());
  }

  @Test
  void redeemWhenRejectedCancelledOrExpiredThenDeniedOrExpired() {
    ApprovalRequest rejected = open("1 of finance");
    vote(rejected, reject("fred"));
    ApprovalRequest cancelled = open("1 of finance");
    cancelled.cancel("agent gave up", LATER);
    ApprovalRequest expired = open("1 of finance");
    expired.expire(EXPIRY);

    assertEquals(refused(RedeemOutcome.Reason.DENIED), rejected.redeem(TENANT, CLIENT, LATER));
    assertEquals(refused(RedeemOutcome.Reason.DENIED), cancelled.redeem(TENANT, CLIENT, LATER));
    assertEquals(refused(RedeemOutcome.Reason.EXPIRED), expired.redeem(TENANT, CLIENT, LATER));
  }

  @Test
  void restoreWhenFromSnapshotThenSameStateAndNoEvents() {
    ApprovalRequest request = open("2 of finance");
    vote(request, approve(request, "fred"));

    ApprovalRequest restored = ApprovalRequest.restore(request.snapshot());

    assertEquals(request.snapshot(), restored.snapshot());
    assertEquals(List.of(), restored.drainEvents());
    assertEquals("1 of 2 from finance", restored.progress().describe());
    assertInstanceOf(VoteOutcome.Decided.class, vote(restored, approve(restored, "fiona")));
  }

  @Test
  void drainEventsWhenCalledTwiceThenSecondIsEmpty() {
    ApprovalRequest request = open("2 of finance");
    vote(request, approve(request, "fred"));

    assertEquals(1, request.drainEvents().size());
    assertEquals(List.of(), request.drainEvents());
  }

  @Test
  void eventsWhenFullLifeThenOneEventPerChangeInOrder() {
    ApprovalRequest request =
        ApprovalRequest.open(
            new NewApprovalRequest(
                UUID.randomUUID(),
                CLIENT,
                Optional.empty(),
                TestCalls.call("1 of finance"),
                Optional.empty(),
                Duration.ofMinutes(5)),
            T0);
    vote(request, approve(request, "fred"));
    request.redeem(TENANT, CLIENT, LATER);

    assertEquals(
        List.of(
            "approval.requested",
            "approval.vote_recorded",
            "approval.approved",
            "approval.redeemed"),
        request.drainEvents().stream().map(ApprovalEvent::type).toList());
  }

  @Test
  void newRequestWhenLifetimeNotPositiveThenIllegalArgument() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new NewApprovalRequest(
                UUID.randomUUID(),
                CLIENT,
                Optional.empty(),
                TestCalls.call("1 of finance"),
                Optional.empty(),
                Duration.ZERO));
  }

  private static RedeemOutcome refused(RedeemOutcome.Reason reason) {
    return new RedeemOutcome.Refused(reason);
  }

  /** One request in each terminal state, events drained. */
  private static List<ApprovalRequest> terminalRequests() {
    ApprovalRequest rejected = open("1 of finance");
    vote(rejected, reject("fred"));
    ApprovalRequest expired = open("1 of finance");
    expired.expire(EXPIRY);
    ApprovalRequest cancelled = open("1 of finance");
    cancelled.cancel("agent gave up", LATER);
    ApprovalRequest redeemed = approved();
    redeemed.redeem(TENANT, CLIENT, LATER);
    List<ApprovalRequest> all = List.of(rejected, expired, cancelled, redeemed);
    all.forEach(ApprovalRequest::drainEvents);
    return all;
  }
}
