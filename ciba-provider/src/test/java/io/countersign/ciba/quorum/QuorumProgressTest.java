package io.countersign.ciba.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class QuorumProgressTest {

  private static final QuorumRule SECURITY_AND_DB_OWNERS =
      QuorumRule.parse("1 of security and 2 of db-owners");

  @Test
  void progressWhenTwoOfThreeThenTwoDistinctApproversNeeded() {
    QuorumRule rule = QuorumRule.of(2, "db-owners");

    QuorumProgress one = rule.progress(List.of(Approver.of("alice", "db-owners")));
    QuorumProgress same =
        rule.progress(
            List.of(Approver.of("alice", "db-owners"), Approver.of("alice", "db-owners")));
    QuorumProgress two =
        rule.progress(List.of(Approver.of("alice", "db-owners"), Approver.of("bob", "db-owners")));

    assertFalse(one.isMet());
    assertFalse(same.isMet());
    assertEquals(1, same.stillNeeded());
    assertTrue(two.isMet());
    assertEquals(0, two.stillNeeded());
  }

  @Test
  void progressWhenApproverInNoGroupOfRuleThenNotCounted() {
    QuorumProgress progress =
        QuorumRule.of(1, "db-owners").progress(List.of(Approver.of("eve", "marketing")));

    assertFalse(progress.isMet());
    assertEquals(List.of(), progress.countedApprovers());
  }

  @Test
  void describeWhenPartlyApprovedThenPlainLanguagePerGroupInRuleOrder() {
    QuorumProgress progress =
        SECURITY_AND_DB_OWNERS.progress(List.of(Approver.of("carol", "db-owners")));

    assertEquals("0 of 1 from security, 1 of 2 from db-owners", progress.describe());
    assertEquals(2, progress.stillNeeded());
  }

  @Test
  void progressWhenApproverInTwoGroupsThenCountsOnceTowardFirstGroupStillNeedingVotes() {
    QuorumProgress progress =
        SECURITY_AND_DB_OWNERS.progress(List.of(Approver.of("alice", "security", "db-owners")));

    assertEquals(List.of("alice"), progress.groups().get(0).counted());
    assertEquals(List.of(), progress.groups().get(1).counted());
    assertEquals("1 of 1 from security, 0 of 2 from db-owners", progress.describe());
  }

  @Test
  void progressWhenFirstChoiceGroupFullThenApproverCountsForTheOther() {
    QuorumProgress progress =
        SECURITY_AND_DB_OWNERS.progress(
            List.of(Approver.of("sam", "security"), Approver.of("alice", "security", "db-owners")));

    assertEquals(List.of("sam"), progress.groups().get(0).counted());
    assertEquals(List.of("alice"), progress.groups().get(1).counted());
  }

  @Test
  void progressWhenLaterVoteOnlyFitsTakenPlaceThenEarlierApproverMoves() {
    // alice (both groups) first counts for security; sam (security only) would be wasted unless
    // alice moves to db-owners.
    QuorumProgress progress =
        SECURITY_AND_DB_OWNERS.progress(
            List.of(
                Approver.of("alice", "security", "db-owners"),
                Approver.of("sam", "security"),
                Approver.of("dora", "db-owners")));

    assertTrue(progress.isMet());
    assertEquals(List.of("sam"), progress.groups().get(0).counted());
    assertEquals(List.of("alice", "dora"), progress.groups().get(1).counted());
  }

  @Test
  void progressWhenOnlyApproverInBothGroupsThenOnlyOneGroupServed() {
    QuorumRule rule = QuorumRule.parse("1 of security and 1 of db-owners");

    QuorumProgress alone = rule.progress(List.of(Approver.of("alice", "security", "db-owners")));

    assertFalse(alone.isMet());
    assertEquals("1 of 1 from security, 0 of 1 from db-owners", alone.describe());
  }

  @Test
  void progressWhenChainOfMovesNeededThenFound() {
    QuorumRule rule = QuorumRule.parse("1 of a and 1 of b and 1 of c");

    QuorumProgress progress =
        rule.progress(
            List.of(Approver.of("x", "a", "b"), Approver.of("y", "b", "c"), Approver.of("z", "a")));

    assertTrue(progress.isMet());
    assertEquals(List.of("z"), progress.groups().get(0).counted());
    assertEquals(List.of("x"), progress.groups().get(1).counted());
    assertEquals(List.of("y"), progress.groups().get(2).counted());
  }

  @Test
  void progressWhenSameVotesThenSameAssignment() {
    List<Approver> votes =
        List.of(
            Approver.of("alice", "security", "db-owners"),
            Approver.of("bob", "security", "db-owners"),
            Approver.of("carol", "security", "db-owners"));

    QuorumProgress first = SECURITY_AND_DB_OWNERS.progress(votes);
    QuorumProgress second = SECURITY_AND_DB_OWNERS.progress(votes);

    assertEquals(first, second);
    assertEquals(List.of("alice"), first.groups().get(0).counted());
    assertEquals(List.of("bob", "carol"), first.groups().get(1).counted());
  }

  @Test
  void progressWhenMoreApproversThanNeededThenExtraNotCounted() {
    QuorumProgress progress =
        QuorumRule.of(1, "ops").progress(List.of(Approver.of("a", "ops"), Approver.of("b", "ops")));

    assertTrue(progress.isMet());
    assertEquals(List.of("a"), progress.countedApprovers());
  }

  @Test
  void canStillBeMetWhenEnoughEligibleLeftThenTrueElseFalse() {
    QuorumRule rule = QuorumRule.of(2, "ops");
    List<Approver> approvals = List.of(Approver.of("a", "ops"));

    assertTrue(rule.canStillBeMet(approvals, List.of(Approver.of("b", "ops"))));
    assertFalse(rule.canStillBeMet(approvals, List.of()));
    assertFalse(rule.canStillBeMet(approvals, List.of(Approver.of("c", "marketing"))));
  }

  @Test
  void canStillBeMetWhenOneEligibleMemberInBothGroupsThenFalseForTwoPlaces() {
    QuorumRule rule = QuorumRule.parse("1 of security and 1 of db-owners");

    assertFalse(
        rule.canStillBeMet(List.of(), List.of(Approver.of("alice", "security", "db-owners"))));
  }
}
