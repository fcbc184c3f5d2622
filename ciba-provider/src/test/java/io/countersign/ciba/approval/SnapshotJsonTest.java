package io.countersign.ciba.approval;

import static io.countersign.ciba.approval.TestApprovals.EDITED;
import static io.countersign.ciba.approval.TestApprovals.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.countersign.ciba.details.TestCalls;
import io.countersign.ciba.store.SnapshotJson;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The stored form of an approval request gives back exactly the request that was stored. */
class SnapshotJsonTest {

  @Test
  void pendingRequestWithRequesterAndBindingMessageRoundTrips() {
    ApprovalSnapshot snapshot =
        TestApprovals.open("2 of db-owners", Optional.of("carol")).snapshot();

    assertEquals(snapshot, SnapshotJson.read(SnapshotJson.write(snapshot)));
  }

  @Test
  void requestWithTriggersRoundTripsWithThem() {
    List<String> triggers =
        List.of("policy rule big-refunds: args.amount > 100", "risk set by the rule: high");
    ApprovalRequest request =
        ApprovalRequest.open(
            new NewApprovalRequest(
                UUID.fromString("0b5d2d8e-2c1c-4d4e-8a6a-1f2e3d4c5b6a"),
                TestApprovals.CLIENT,
                Optional.empty(),
                TestCalls.call("1 of finance", triggers),
                Optional.empty(),
                TestApprovals.TTL),
            T0);
    ApprovalSnapshot snapshot = request.snapshot();

    ApprovalSnapshot read = SnapshotJson.read(SnapshotJson.write(snapshot));

    assertEquals(snapshot, read);
    assertEquals(triggers, read.details().triggers());
  }

  @Test
  void votesEditsSupersededApprovalsAndRejectionsRoundTrip() {
    ApprovalRequest request = TestApprovals.open("2 of db-owners");
    TestApprovals.vote(request, TestApprovals.approve(request, "alice"));
    TestApprovals.vote(request, TestApprovals.edit("bob", EDITED));
    ApprovalSnapshot snapshot = request.snapshot();

    ApprovalSnapshot read = SnapshotJson.read(SnapshotJson.write(snapshot));

    assertEquals(snapshot, read);
    assertEquals(snapshot.currentArguments().json(), read.currentArguments().json());
    assertEquals(ApprovalState.PENDING, read.state());
  }

  @Test
  void decidedRequestRoundTripsAndKeepsItsState() {
    ApprovalRequest request = TestApprovals.approved();
    ApprovalRequest restored =
        ApprovalRequest.restore(SnapshotJson.read(SnapshotJson.write(request.snapshot())));

    assertEquals(request.state(), restored.state());
    assertEquals(request.approved(), restored.approved());
    assertEquals(
        request.redeem(request.tenant(), request.clientId(), T0.plusSeconds(1)),
        restored.redeem(restored.tenant(), restored.clientId(), T0.plusSeconds(1)));
  }
}
