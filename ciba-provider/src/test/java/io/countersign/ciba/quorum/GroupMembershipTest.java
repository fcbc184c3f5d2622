package io.countersign.ciba.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class GroupMembershipTest {

  private final GroupMembership membership =
      GroupMembership.empty()
          .with("security", "alice", "sam")
          .with("db-owners", "alice", "dora")
          .with("marketing", "eve");

  private final QuorumRule rule = QuorumRule.parse("1 of security and 2 of db-owners");

  @Test
  void groupsOfWhenMemberOfSeveralThenOnlyGroupsTheRuleNames() {
    assertEquals(Set.of("db-owners", "security"), membership.groupsOf("alice", rule));
    assertEquals(Set.of(), membership.groupsOf("eve", rule));
    assertEquals(Set.of(), membership.groupsOf("nobody", rule));
  }

  @Test
  void eligibleWhenRuleNamesGroupsThenTheirMembersOnce() {
    assertEquals(Set.of("alice", "sam", "dora"), membership.eligible(rule));
  }

  @Test
  void membersOfWhenUnknownGroupThenEmpty() {
    assertEquals(Set.of(), membership.membersOf("finance"));
  }
}
