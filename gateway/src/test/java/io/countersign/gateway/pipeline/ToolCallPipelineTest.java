package io.countersign.gateway.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.audit.AuditEvent;
import io.countersign.audit.AuditLog;
import io.countersign.audit.AuditReceipt;
import io.countersign.audit.AuditStoreException;
import io.countersign.gateway.session.McpSession;
import io.countersign.tenant.AgentPrincipal;
import io.countersign.tenant.UpstreamEndpoint;
import io.countersign.tenant.policy.PolicyVerdict.GroupQuorum;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolCallPipelineTest {

  private final List<AuditEvent> appended = new ArrayList<>();

  /** How each appended entry went: in the caller's transaction, or committed on its own. */
  private final List<String> ways = new ArrayList<>();

  @Test
  void decideWhenPolicyAllowsThenProceedAndOneAllowEntryNamingRule() {
    var decision =
        pipeline(new Decision.Proceed(Optional.of("read-only")), recording())
            .decide(call())
            .decision();
    assertInstanceOf(Decision.Proceed.class, decision);
    assertEquals(1, appended.size());
    AuditEvent entry = appended.get(0);
    assertEquals(AuditEvent.TOOL_CALL_DECISION, entry.eventType());
    assertEquals(Optional.of("allow"), entry.decision());
    assertEquals(Optional.of("read-only"), entry.rule());
    assertEquals(ToolCallPipeline.FORWARDING, entry.outcome());
    assertEquals("digest", entry.tool().orElseThrow().argumentsDigest());
    assertEquals(io.countersign.audit.AuditPayload.ARGUMENTS, entry.payload().orElseThrow().kind());
    assertEquals(List.of("committed on its own"), ways);
  }

  @Test
  void onlyAHeldCallsDecisionRunsInATransactionOfTheContainers() throws NoSuchMethodException {
    // an allowed call's path commits its entry on its own (group commit); no global transaction
    assertFalse(ToolCallPipeline.class.isAnnotationPresent(Transactional.class));
    assertFalse(
        ToolCallPipeline.class
            .getMethod("decide", ToolCall.class)
            .isAnnotationPresent(Transactional.class));
    assertTrue(
        HeldDecisions.class
            .getMethod(
                "hold", ToolCall.class, Decision.Hold.class, java.util.function.Function.class)
            .isAnnotationPresent(Transactional.class));
  }

  @Test
  void decideWhenPolicyDeniesThenDenyEntryWithReason() {
    pipeline(new Decision.Deny("no-deletes", "needs a ticket"), recording()).decide(call());
    assertEquals(Optional.of("deny"), appended.get(0).decision());
    assertEquals(Optional.of("needs a ticket"), appended.get(0).reason());
    assertEquals(ToolCallPipeline.DENIED, appended.get(0).outcome());
    assertEquals(List.of("committed on its own"), ways);
  }

  @Test
  void decideWhenPolicyHoldsThenHeldAtTheDeskAndEntryNamesTheHeldCall() {
    var hold =
        new Decision.Hold(
            "big-charges", List.of(new GroupQuorum("finance", 1)), Duration.ofMinutes(15));
    var decided = pipeline(hold, recording()).decide(call());
    assertEquals(hold, decided.decision());
    assertEquals(Optional.of(new HoldTicket("held-1", false)), decided.ticket());
    assertEquals(Optional.of("require_approval"), appended.get(0).decision());
    assertEquals(ToolCallPipeline.HELD, appended.get(0).outcome());
    assertEquals(Optional.of("held call held-1"), appended.get(0).reason());
    // the held call and its entry commit together, or neither
    assertEquals(List.of("in the caller's transaction"), ways);
  }

  @Test
  void decideWhenAnIdenticalCallIsHeldThenJoinedEntry() {
    var hold =
        new Decision.Hold(
            "big-charges", List.of(new GroupQuorum("finance", 1)), Duration.ofMinutes(15));
    var pipeline = pipeline(hold, recording());
    pipeline.heldDecisions.holdDesk = (call, h) -> new HoldTicket("held-0", true);
    assertEquals(Optional.of(new HoldTicket("held-0", true)), pipeline.decide(call()).ticket());
    assertEquals(ToolCallPipeline.JOINED, appended.get(0).outcome());
    assertEquals(Optional.of("joined held call held-0"), appended.get(0).reason());
  }

  @Test
  void decideWhenAuditAppendFailsThenFailureReachesCaller() {
    AuditLog broken =
        new AuditLog() {
          @Override
          public AuditReceipt append(AuditEvent event) {
            throw new AuditStoreException("disk full", null);
          }

          @Override
          public AuditReceipt appendAndCommit(AuditEvent event) {
            throw new AuditStoreException("disk full", null);
          }
        };
    var pipeline = pipeline(Decision.Proceed.unconditionally(), broken);
    assertThrows(AuditStoreException.class, () -> pipeline.decide(call()));
  }

  @Test
  void recordOutcomeWhenForwardedThenOutcomeCommittedOnItsOwnWithTheAnswer() {
    var answer = jakarta.json.Json.createObjectBuilder().add("content", "[]").build();
    pipeline(Decision.Proceed.unconditionally(), recording())
        .recordOutcome(call(), "succeeded", 12, Optional.of(answer));
    assertEquals(AuditEvent.TOOL_CALL_OUTCOME, appended.get(0).eventType());
    assertEquals("succeeded", appended.get(0).outcome());
    assertEquals(
        io.countersign.audit.AuditPayload.RESULT, appended.get(0).payload().orElseThrow().kind());
    assertEquals(List.of("committed on its own"), ways);
  }

  @Test
  void recordOutcomeWithinWhenATaskEndsThenInTheCallersTransaction() {
    pipeline(Decision.Proceed.unconditionally(), recording())
        .recordOutcomeWithin(call(), "cancelled", 12, Optional.empty());
    assertEquals("cancelled", appended.get(0).outcome());
    assertEquals(List.of("in the caller's transaction"), ways);
  }

  private AuditLog recording() {
    return new AuditLog() {
      @Override
      public AuditReceipt append(AuditEvent event) {
        ways.add("in the caller's transaction");
        appended.add(event);
        return new AuditReceipt(appended.size() - 1, new byte[32]);
      }

      @Override
      public AuditReceipt appendAndCommit(AuditEvent event) {
        ways.add("committed on its own");
        appended.add(event);
        return new AuditReceipt(appended.size() - 1, new byte[32]);
      }
    };
  }

  private static ToolCallPipeline pipeline(Decision policyDecision, AuditLog auditLog) {
    var pipeline = new ToolCallPipeline();
    pipeline.policyStage =
        new PolicyStage() {
          @Override
          public Decision apply(ToolCall call) {
            return policyDecision;
          }
        };
    pipeline.auditLog = auditLog;
    pipeline.heldDecisions = new HeldDecisions();
    pipeline.heldDecisions.auditLog = auditLog;
    pipeline.heldDecisions.holdDesk = (call, hold) -> new HoldTicket("held-1", false);
    return pipeline;
  }

  private static ToolCall call() {
    var agent = new AgentPrincipal("acme", "agent-1", "bot");
    var upstream =
        new UpstreamEndpoint(
            "u-1",
            "acme",
            "shop",
            URI.create("http://shop/mcp"),
            Map.of(),
            Duration.ofSeconds(1),
            Duration.ofSeconds(5));
    return new ToolCall(
        "call-1",
        new McpSession("s-1", agent, "2025-11-25"),
        upstream,
        "list_orders",
        JsonObject.EMPTY_JSON_OBJECT,
        JsonObject.EMPTY_JSON_OBJECT,
        "digest",
        Instant.parse("2026-11-21T00:00:00Z"));
  }
}
