package io.countersign.ciba.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuorumRuleTest {

  @Test
  void parseWhenOneGroupThenOneRequirementAndDefaultPolicy() {
    QuorumRule rule = QuorumRule.parse("2 of db-owners");

    assertEquals(List.of(new GroupRequirement("db-owners", 2)), rule.requirements());
    assertEquals(RejectionPolicy.ANY_REJECTION, rule.rejectionPolicy());
    assertEquals(QuorumRule.of(2, "db-owners"), rule);
  }

  @Test
  void parseWhenSeveralGroupsThenAllInOrder() {
    QuorumRule rule = QuorumRule.parse("1 of security and 2 of db-owners");

    assertEquals(
        QuorumRule.allOf(new GroupRequirement("security", 1), new GroupRequirement("db-owners", 2)),
        rule);
    assertEquals(List.of("security", "db-owners"), rule.groupNames());
    assertEquals(3, rule.totalCount());
  }

  @Test
  void parseWhenRejectionClauseThenPolicy() {
    assertEquals(
        RejectionPolicy.WHEN_UNREACHABLE,
        QuorumRule.parse("2 of db-owners; reject when unreachable").rejectionPolicy());
    assertEquals(
        RejectionPolicy.ANY_REJECTION,
        QuorumRule.parse("2 of db-owners; reject on any").rejectionPolicy());
  }

  @Test
  void parseWhenExtraWhiteSpaceThenSameRule() {
    assertEquals(
        QuorumRule.parse("1 of security and 2 of db-owners; reject when unreachable"),
        QuorumRule.parse("  1  of\tsecurity   and 2 of  db-owners ;reject   when unreachable "));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1 of security",
        "1 of security and 2 of db-owners",
        "99 of a_b-c and 1 of x; reject when unreachable"
      })
  void toStringWhenParsedThenSameText(String text) {
    assertEquals(text, QuorumRule.parse(text).toString());
    assertEquals(QuorumRule.parse(text), QuorumRule.parse(QuorumRule.parse(text).toString()));
  }

  @Test
  void toStringWhenDefaultPolicyThenNoClause() {
    assertEquals(
        "1 of security and 2 of db-owners",
        QuorumRule.allOf(new GroupRequirement("security", 1), new GroupRequirement("db-owners", 2))
            .toString());
    assertEquals(
        "2 of ops; reject when unreachable",
        QuorumRule.of(2, "ops").withRejectionPolicy(RejectionPolicy.WHEN_UNREACHABLE).toString());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "two of security| two| count 'two' in 'two of security' is not a whole number from 1 to 99",
        "0 of security| 0| count '0' in '0 of security' is not a whole number from 1 to 99",
        "100 of security| 100| count '100' in '100 of security' is not a whole number from 1 to 99",
        "-1 of security| -1| count '-1' in '-1 of security' is not a whole number from 1 to 99",
        "2 security| 2 security| '2 security' is not '<count> of <group>', e.g. '2 of db-owners'",
        "2 of DB_Owners| DB_Owners| group 'DB_Owners' in '2 of DB_Owners' is not a group name"
            + " ([a-z0-9][a-z0-9_-]{0,62})",
        "1 of a and 2 of a| 2 of a| group 'a' is named more than once",
        "1 of a and and 1 of b| and 1 of b| 'and 1 of b' is not '<count> of <group>', e.g. '2 of"
            + " db-owners'",
        "1 of a or 1 of b| 1 of a or 1 of b| '1 of a or 1 of b' is not '<count> of <group>', e.g."
            + " '2 of db-owners'",
        "1 of a; reject sometimes| reject sometimes| 'reject sometimes' after ';' is not 'reject on"
            + " any' or 'reject when unreachable'"
      })
  void parseWhenMalformedThenErrorNamesBadPart(String text, String badPart, String message) {
    QuorumSyntaxException error =
        assertThrows(QuorumSyntaxException.class, () -> QuorumRule.parse(text));

    assertEquals(badPart.strip(), error.badPart());
    assertEquals(message.strip(), error.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void parseWhenEmptyThenError(String text) {
    QuorumSyntaxException error =
        assertThrows(QuorumSyntaxException.class, () -> QuorumRule.parse(text));

    assertTrue(error.getMessage().startsWith("quorum is empty"), error.getMessage());
  }

  @Test
  void parseWhenNullThenError() {
    assertThrows(QuorumSyntaxException.class, () -> QuorumRule.parse(null));
  }

  @Test
  void constructWhenGroupNamedTwiceOrNoneThenRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> QuorumRule.allOf(new GroupRequirement("a", 1), new GroupRequirement("a", 2)));
    assertThrows(IllegalArgumentException.class, QuorumRule::allOf);
  }

  @Test
  void groupRequirementWhenOutOfRangeThenRefused() {
    assertThrows(IllegalArgumentException.class, () -> new GroupRequirement("a", 0));
    assertThrows(IllegalArgumentException.class, () -> new GroupRequirement("a", 100));
    assertThrows(IllegalArgumentException.class, () -> new GroupRequirement("Security", 1));
    assertThrows(IllegalArgumentException.class, () -> new GroupRequirement(null, 1));
  }
}
