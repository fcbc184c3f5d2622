package io.countersign.ciba.approval;

import static io.countersign.ciba.approval.ApprovalState.APPROVED;
import static io.countersign.ciba.approval.ApprovalState.CANCELLED;
import static io.countersign.ciba.approval.ApprovalState.EXPIRED;
import static io.countersign.ciba.approval.ApprovalState.PENDING;
import static io.countersign.ciba.approval.ApprovalState.REDEEMED;
import static io.countersign.ciba.approval.ApprovalState.REJECTED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApprovalStateTest {

  private static final Map<ApprovalState, Set<ApprovalState>> ALLOWED =
      Map.of(
          PENDING, EnumSet.of(APPROVED, REJECTED, EXPIRED, CANCELLED),
          APPROVED, EnumSet.of(REDEEMED, EXPIRED, CANCELLED),
          REJECTED, EnumSet.noneOf(ApprovalState.class),
          EXPIRED, EnumSet.noneOf(ApprovalState.class),
          CANCELLED, EnumSet.noneOf(ApprovalState.class),
          REDEEMED, EnumSet.noneOf(ApprovalState.class));

  @Test
  void canBecomeWhenEveryPairCheckedThenOnlyTheDocumentedTransitions() {
    for (ApprovalState from : ApprovalState.values()) {
      for (ApprovalState to : ApprovalState.values()) {
        assertEquals(ALLOWED.get(from).contains(to), from.canBecome(to), from + " -> " + to);
      }
    }
  }

  @Test
  void isTerminalWhenNoSuccessorThenTrue() {
    for (ApprovalState state : ApprovalState.values()) {
      assertEquals(ALLOWED.get(state).isEmpty(), state.isTerminal(), state.name());
    }
    assertEquals(
        EnumSet.of(REJECTED, EXPIRED, CANCELLED, REDEEMED),
        EnumSet.copyOf(
            Arrays.stream(ApprovalState.values()).filter(ApprovalState::isTerminal).toList()));
  }

  @Test
  void canBecomeWhenRedeemedThenOnlyFromApproved() {
    for (ApprovalState from : ApprovalState.values()) {
      assertEquals(from == APPROVED, from.canBecome(REDEEMED), from.name());
    }
  }
}
