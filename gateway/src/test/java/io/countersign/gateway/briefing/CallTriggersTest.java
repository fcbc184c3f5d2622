package io.countersign.gateway.briefing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.countersign.gateway.pipeline.Decision;
import io.countersign.tenant.policy.ApprovalFollowUp;
import io.countersign.tenant.policy.Briefing;
import io.countersign.tenant.policy.PolicyVerdict.GroupQuorum;
import io.countersign.tenant.policy.RiskLevel;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallTriggersTest {

  @Test
  void ofWhenRuleWithRiskHoldsADestructiveOpenWorldToolThenEachTrigger() {
    Decision.Hold hold =
        hold(
            "mass-email",
            new Briefing(
                Optional.of(RiskLevel.HIGH), Optional.of("size(args.to) > 10"), Optional.empty()));

    assertEquals(
        List.of(
            "policy rule mass-email: size(args.to) > 10",
            "risk set by the rule: high",
            "destructive tool (upstream annotation destructiveHint)",
            "open-world tool (openWorldHint)"),
        CallTriggers.of(hold, annotated(true, true)));
  }

  @Test
  void ofWhenDefaultHoldsThenSaysSo() {
    assertEquals(
        List.of("policy default: no rule matched and the default holds the call"),
        CallTriggers.of(hold("default", Briefing.NONE), annotated(false, false)));
  }

  @Test
  void ofWhenToolHasNoAnnotationsThenTheSpecificationDefaultsNamed() {
    assertEquals(
        List.of(
            "policy default: no rule matched and the default holds the call",
            "tool without annotations (MCP assumes it may be destructive and open-world)"),
        CallTriggers.of(hold("default", Briefing.NONE), Json.createObjectBuilder().build()));
  }

  @Test
  void ofWhenConditionLongAndOnSeveralLinesThenOneLineCutTo200() {
    String when = "tool.name == 'x' &&\n    " + "args.a == 1 && ".repeat(30) + "true";

    String trigger =
        CallTriggers.of(
                hold("long", new Briefing(Optional.empty(), Optional.of(when), Optional.empty())),
                annotated(false, false))
            .get(0);

    assertEquals(200, trigger.codePointCount(0, trigger.length()));
    assertEquals(
        "policy rule long: tool.name == 'x' && args.a == 1 && args.a", trigger.substring(0, 59));
    assertEquals('…', trigger.charAt(trigger.length() - 1));
  }

  private static Decision.Hold hold(String rule, Briefing briefing) {
    return new Decision.Hold(
        rule,
        List.of(new GroupQuorum("ops", 1)),
        Duration.ofMinutes(5),
        ApprovalFollowUp.NONE,
        briefing);
  }

  private static JsonObject annotated(boolean destructive, boolean openWorld) {
    return Json.createObjectBuilder()
        .add(
            "annotations",
            Json.createObjectBuilder()
                .add("destructiveHint", destructive)
                .add("openWorldHint", openWorld))
        .build();
  }
}
