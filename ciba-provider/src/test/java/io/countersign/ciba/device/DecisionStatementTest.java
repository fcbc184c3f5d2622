package io.countersign.ciba.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.ciba.approval.Ballot;
import io.countersign.ciba.details.ToolArguments;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DecisionStatementTest {

  private static final UUID REQUEST = UUID.fromString("6f2c7a3e-1b0d-4c55-9a8e-2f1e0d9c8b7a");
  private static final String SHOWN = "a".repeat(64);
  private static final String NONCE = "bm9uY2Utbm9uY2Utbm9uY2U";

  private static DecisionStatement approve() {
    return DecisionStatement.of(
        REQUEST, SHOWN, new Ballot.Approve("acme", "dave@acme.example", SHOWN), NONCE);
  }

  @Test
  void theChallengeCommitsToEveryPartOfTheDecision() {
    DecisionStatement base = approve();
    List<DecisionStatement> others =
        List.of(
            new DecisionStatement("other", REQUEST, SHOWN, base.approver(), "approve", "", NONCE),
            new DecisionStatement(
                "acme", UUID.randomUUID(), SHOWN, base.approver(), "approve", "", NONCE),
            new DecisionStatement(
                "acme", REQUEST, "b".repeat(64), base.approver(), "approve", "", NONCE),
            new DecisionStatement("acme", REQUEST, SHOWN, "eve@acme.example", "approve", "", NONCE),
            DecisionStatement.of(
                REQUEST, SHOWN, new Ballot.Reject("acme", "dave@acme.example", "no"), NONCE),
            DecisionStatement.of(
                REQUEST,
                SHOWN,
                new Ballot.ApproveEdited(
                    "acme", "dave@acme.example", ToolArguments.of("{\"status\":\"delivered\"}")),
                NONCE),
            new DecisionStatement("acme", REQUEST, SHOWN, base.approver(), "approve", "", "other"));
    Set<String> challenges = new HashSet<>();
    challenges.add(base.challenge());
    for (DecisionStatement other : others) {
      assertTrue(challenges.add(other.challenge()), "a distinct challenge for " + other);
    }
  }

  @Test
  void rejectionsCommitToTheirReasonAndEditsToTheNewArguments() {
    DecisionStatement no =
        DecisionStatement.of(
            REQUEST, SHOWN, new Ballot.Reject("acme", "dave@acme.example", "freeze"), NONCE);
    DecisionStatement other =
        DecisionStatement.of(
            REQUEST, SHOWN, new Ballot.Reject("acme", "dave@acme.example", "freeze!"), NONCE);
    assertNotEquals(no.challenge(), other.challenge());
    assertTrue(no.canonicalJson().contains("\"reason\":\"freeze\""), no.canonicalJson());

    ToolArguments edited = ToolArguments.of("{\"status\":\"delivered\"}");
    DecisionStatement edit =
        DecisionStatement.of(
            REQUEST, SHOWN, new Ballot.ApproveEdited("acme", "dave@acme.example", edited), NONCE);
    assertTrue(
        edit.canonicalJson().contains("\"edited_arguments_sha256\":\"" + edited.sha256() + "\""),
        edit.canonicalJson());
  }

  @Test
  void anApprovalOfOtherArgumentsThanShownIsNoStatement() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            DecisionStatement.of(
                REQUEST,
                SHOWN,
                new Ballot.Approve("acme", "dave@acme.example", "c".repeat(64)),
                NONCE));
  }

  @Test
  void canonicalJsonIsSortedAndReadsBack() {
    DecisionStatement statement = approve();
    String json = statement.canonicalJson();
    assertEquals(
        "{\"approval_id\":\""
            + REQUEST
            + "\",\"approver\":\"dave@acme.example\","
            + "\"arguments_sha256\":\""
            + SHOWN
            + "\",\"decision\":\"approve\","
            + "\"nonce\":\""
            + NONCE
            + "\",\"tenant\":\"acme\","
            + "\"type\":\"countersign.approval-decision.v1\"}",
        json);
    assertEquals(statement, DecisionStatement.parse(json));
    assertEquals(43, statement.challenge().length(), "base64url of 32 bytes, no padding");
  }

  @Test
  void aRelyingPartyIsItsOriginsHost() {
    assertEquals(
        new RelyingParty("localhost", "http://localhost:9080"),
        RelyingParty.at("http://localhost:9080/"));
    assertEquals(
        new RelyingParty("approvals.acme.example", "https://approvals.acme.example"),
        RelyingParty.at("https://Approvals.Acme.Example:443/x"));
    assertThrows(IllegalArgumentException.class, () -> RelyingParty.at("not an origin"));
  }
}
