package io.countersign.gateway.hold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.ciba.details.McpToolCallValidator;
import io.countersign.ciba.details.Risk;
import io.countersign.ciba.details.Validation;
import io.countersign.gateway.pipeline.Decision;
import io.countersign.gateway.pipeline.TestToolCalls;
import io.countersign.gateway.pipeline.ToolCall;
import io.countersign.tenant.policy.ApprovalFollowUp;
import io.countersign.tenant.policy.Briefing;
import io.countersign.tenant.policy.PolicyVerdict.GroupQuorum;
import io.countersign.tenant.policy.RiskLevel;
import io.countersign.tenant.summary.SummaryTemplate;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HeldCallsTest {

  private static final Decision.Hold HOLD =
      new Decision.Hold(
          "two-db-owners",
          List.of(new GroupQuorum("db-owners", 2), new GroupQuorum("security", 1)),
          Duration.ofMinutes(15));

  @Test
  void detailsWhenHeldThenAValidMcpToolCallWithQuorumCodeAndDigest() {
    ToolCall call = call("{\"status\":\"cancelled\",\"limit\":1.50}", true);
    var details = HeldCalls.details(call, HOLD, held(call));
    var read = McpToolCallValidator.validateAuthorizationDetails("[" + details.toJson() + "]");
    assertTrue(read instanceof Validation.Valid, read.toString());
    assertEquals("2 of db-owners and 1 of security", details.quorum().toString().split(";")[0]);
    assertEquals(Risk.HIGH, details.risk());
    assertEquals("CS-4F2K", details.bindingCode().orElseThrow().value());
    assertEquals(call.argumentsDigest(), details.argumentsSha256());
  }

  @Test
  void riskWhenNotDestructiveThenMedium() {
    assertEquals(Risk.MEDIUM, HeldCalls.risk(Json.createObjectBuilder().build()));
  }

  @Test
  void detailsWhenNoBriefingThenFallbackSummaryRiskFromAnnotationsAndTriggers() {
    ToolCall call = call("{\"status\":\"cancelled\",\"limit\":1.50}", true);

    var details = HeldCalls.details(call, HOLD, held(call));

    assertEquals(
        "bot wants to run delete_orders on shop: limit 1.50, status cancelled", details.summary());
    assertEquals(Risk.HIGH, details.risk());
    assertEquals(
        List.of(
            "policy default: no rule matched and the default holds the call",
            "destructive tool (upstream annotation destructiveHint)"),
        details.triggers());
  }

  @Test
  void detailsWhenRuleGivesRiskConditionAndTemplateThenTheyReachTheApprovers() {
    ToolCall call = call("{\"status\":\"cancelled\",\"created_before\":\"2025-01-01\"}", false);
    Decision.Hold hold =
        new Decision.Hold(
            "two-db-owners",
            HOLD.quorum(),
            HOLD.timeout(),
            ApprovalFollowUp.NONE,
            new Briefing(
                Optional.of(RiskLevel.CRITICAL),
                Optional.of("tool.name == \"delete_orders\""),
                Optional.of(
                    SummaryTemplate.of(
                        "Delete {args.status} orders created before {args.created_before}"))));

    var details = HeldCalls.details(call, hold, held(call));
    var read = McpToolCallValidator.validateAuthorizationDetails("[" + details.toJson() + "]");

    assertTrue(read instanceof Validation.Valid, read.toString());
    assertEquals("Delete cancelled orders created before 2025-01-01", details.summary());
    assertEquals(Risk.CRITICAL, details.risk());
    assertEquals(
        List.of(
            "policy rule two-db-owners: tool.name == \"delete_orders\"",
            "risk set by the rule: critical"),
        details.triggers());
    assertEquals(details, ((Validation.Valid<?>) read).value());
  }

  @Test
  void bindingMessageIsTheCodeAndToolCutToSixtyFourCodePoints() {
    ToolCall call = call("{}", false);
    HeldCall held = held(call);
    assertEquals("CS-4F2K delete_orders", HeldCalls.bindingMessage(held));
    HeldCall longTool =
        new HeldCall(
            held.id(),
            held.agent(),
            held.sessionId(),
            held.upstream(),
            "t".repeat(120),
            held.arguments(),
            held.argumentsSha256(),
            held.policyRule(),
            held.quorum(),
            held.bindingCode(),
            held.state(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            false,
            held.createdAt(),
            Optional.empty(),
            Optional.empty());
    assertEquals(64, HeldCalls.bindingMessage(longTool).length());
  }

  private static HeldCall held(ToolCall call) {
    return new HeldCall(
        "h-1",
        call.agent(),
        "s-1",
        "shop",
        call.tool(),
        call.arguments().toString(),
        call.argumentsDigest(),
        "two-db-owners",
        "2 of db-owners",
        "CS-4F2K",
        HeldCallState.REQUESTING,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false,
        Instant.EPOCH,
        Optional.empty(),
        Optional.empty());
  }

  private static ToolCall call(String arguments, boolean destructive) {
    JsonObject definition =
        Json.createObjectBuilder()
            .add("description", "Deletes orders. Really.")
            .add("annotations", Json.createObjectBuilder().add("destructiveHint", destructive))
            .build();
    return TestToolCalls.call("bot", "delete_orders", arguments, definition);
  }
}
