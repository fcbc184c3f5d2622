package io.countersign.gateway.hold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.tenant.AgentPrincipal;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HeldOutcomeTest {

  @Test
  void ofWhenCompletedThenTheUpstreamsAnswerUnderTheAgentsOwnId() {
    var outcome =
        HeldOutcome.of(
                held(HeldCallState.COMPLETED, Optional.empty()),
                Optional.of("{\"result\":{\"content\":[],\"structuredContent\":{\"deleted\":3}}}"))
            .orElseThrow();
    JsonObject response = outcome.toResponse(Json.createValue(7));
    assertEquals(7, response.getInt("id"));
    assertEquals(
        3, response.getJsonObject("result").getJsonObject("structuredContent").getInt("deleted"));
    assertTrue(outcome.final_());
  }

  @Test
  void ofWhenRejectedThenToolErrorWithTheApproversReasonAndCode() {
    String text = text(held(HeldCallState.REJECTED, Optional.of("keep them for the audit")));
    assertTrue(text.startsWith("Rejected by the approvers (code CS-4F2K): keep them"), text);
    assertTrue(text.endsWith("Nothing was executed."), text);
  }

  @Test
  void ofWhenExpiredThenSaysExpiredNeverRejected() {
    String text = text(held(HeldCallState.EXPIRED, Optional.of("the request expired")));
    assertTrue(text.contains("expired before enough approvers agreed"), text);
    assertFalse(text.contains("Rejected"), text);
  }

  @Test
  void ofWhenStillOpenThenNoOutcome() {
    for (HeldCallState open :
        new HeldCallState[] {
          HeldCallState.REQUESTING,
          HeldCallState.PENDING,
          HeldCallState.APPROVED,
          HeldCallState.FORWARDING
        }) {
      assertTrue(
          HeldOutcome.of(held(open, Optional.empty()), Optional.empty()).isEmpty(), open.name());
    }
  }

  @Test
  void stillWaitingWhenHoldTimeEndsThenNotFinalAndTellsTheAgentToRetry() {
    var outcome =
        HeldOutcome.stillWaiting(
            held(HeldCallState.PENDING, Optional.empty()), Optional.of("1 of 2 from db-owners"));
    assertFalse(outcome.final_());
    String text =
        outcome
            .answer()
            .getJsonObject("result")
            .getJsonArray("content")
            .getJsonObject(0)
            .getString("text");
    assertTrue(text.contains("CS-4F2K; 1 of 2 from db-owners"), text);
    assertTrue(text.contains("Call this tool again with the same arguments"), text);
  }

  @Test
  void progressTextNamesTheVotesAndTheCode() {
    var pending =
        new HeldCall(
            "h-1",
            agent(),
            "s-1",
            "shop",
            "delete_orders",
            "{}",
            "d",
            "rule",
            "2 of db-owners",
            "CS-4F2K",
            HeldCallState.PENDING,
            Optional.of("1 of 2 from db-owners"),
            Optional.empty(),
            Optional.empty(),
            false,
            Instant.EPOCH,
            Optional.empty(),
            Optional.empty());
    assertEquals(
        "awaiting approval: 1 of 2 from db-owners, code CS-4F2K",
        HeldCallWaiters.progressText(pending));
  }

  private static String text(HeldCall held) {
    var outcome = HeldOutcome.of(held, Optional.empty()).orElseThrow();
    JsonObject result = outcome.answer().getJsonObject("result");
    assertTrue(result.getBoolean("isError"));
    return result.getJsonArray("content").getJsonObject(0).getString("text");
  }

  private static HeldCall held(HeldCallState state, Optional<String> outcomeText) {
    return new HeldCall(
        "h-1",
        agent(),
        "s-1",
        "shop",
        "delete_orders",
        "{}",
        "d",
        "rule",
        "1 of ops",
        "CS-4F2K",
        state,
        Optional.empty(),
        Optional.empty(),
        outcomeText,
        false,
        Instant.EPOCH,
        Optional.empty(),
        Optional.of(Instant.EPOCH));
  }

  private static AgentPrincipal agent() {
    return new AgentPrincipal("acme", "a-1", "bot");
  }
}
