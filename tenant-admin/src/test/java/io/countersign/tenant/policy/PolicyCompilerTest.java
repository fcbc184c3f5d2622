package io.countersign.tenant.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.tenant.AgentPrincipal;
import io.countersign.tenant.policy.PolicyVerdict.GroupQuorum;
import io.countersign.tenant.summary.SummaryTemplate;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyCompilerTest {

  private static final AgentPrincipal AGENT = new AgentPrincipal("acme", "agent-1", "support-bot");
  private static final Instant NOON = Instant.parse("2026-11-02T12:00:00Z");

  private final PolicyCompiler compiler = new PolicyCompiler();

  @Test
  void evaluateWhenAllowRuleMatchesThenAllow() {
    Policy policy =
        policy(
            new RuleAction.Deny("no"),
            rule("reads", "tool.name == 'list_orders'", new RuleAction.Allow()));

    PolicyVerdict verdict = policy.evaluate(call("list_orders", Map.of(), Map.of()));

    assertEquals(new PolicyVerdict.Allow("reads"), verdict);
  }

  @Test
  void evaluateWhenDenyRuleMatchesThenDenyWithItsReason() {
    Policy policy =
        policy(
            new RuleAction.Allow(),
            rule(
                "no-delete",
                "tool.name.startsWith('delete')",
                new RuleAction.Deny("Needs a ticket.")));

    PolicyVerdict verdict = policy.evaluate(call("delete_orders", Map.of(), Map.of()));

    assertEquals(new PolicyVerdict.Deny("no-delete", "Needs a ticket."), verdict);
  }

  @Test
  void evaluateWhenApprovalRuleMatchesThenRequireApprovalWithQuorumAndTimeout() {
    RuleAction approval =
        new RuleAction.RequireApproval(
            List.of(new GroupQuorum("finance", 2)), Duration.ofMinutes(15));
    Policy policy =
        policy(
            new RuleAction.Allow(),
            rule("big-charges", "tool.name == 'charge_card' && args.amount > 100", approval));

    PolicyVerdict verdict = policy.evaluate(call("charge_card", Map.of(), Map.of("amount", 150.5)));

    assertEquals(
        new PolicyVerdict.RequireApproval(
            "big-charges",
            List.of(new GroupQuorum("finance", 2)),
            Duration.ofMinutes(15),
            ApprovalFollowUp.NONE,
            new Briefing(
                Optional.empty(),
                Optional.of("tool.name == 'charge_card' && args.amount > 100"),
                Optional.empty())),
        verdict);
  }

  @Test
  void evaluateWhenHeldByRuleWithRiskAndToolWithTemplateThenBriefingCarriesAll() {
    RuleAction approval =
        new RuleAction.RequireApproval(
            List.of(new GroupQuorum("finance", 1)),
            Duration.ofMinutes(15),
            ApprovalFollowUp.NONE,
            Optional.of(RiskLevel.CRITICAL));
    SummaryTemplate charge = SummaryTemplate.of("Charge {args.amount}");
    Policy policy =
        compiler.compile(
            7,
            new PolicyDefinition(
                new RuleAction.Allow(),
                List.of(rule("charges", "tool.name == 'charge_card'", approval)),
                Map.of(
                    "shop__charge_card",
                    charge,
                    "other__charge_card",
                    SummaryTemplate.of("Not this one"))));

    var verdict =
        (PolicyVerdict.RequireApproval) policy.evaluate(call("charge_card", Map.of(), Map.of()));

    assertEquals(
        new Briefing(
            Optional.of(RiskLevel.CRITICAL),
            Optional.of("tool.name == 'charge_card'"),
            Optional.of(charge)),
        verdict.briefing());
  }

  @Test
  void evaluateWhenDefaultHoldsThenNoConditionButTheTemplate() {
    SummaryTemplate template = SummaryTemplate.of("List orders");
    Policy policy =
        compiler.compile(
            1,
            new PolicyDefinition(
                new RuleAction.RequireApproval(
                    List.of(new GroupQuorum("ops", 1)), Duration.ofMinutes(5)),
                List.of(),
                Map.of("shop__list_orders", template)));

    var verdict =
        (PolicyVerdict.RequireApproval) policy.evaluate(call("list_orders", Map.of(), Map.of()));

    assertEquals("default", verdict.rule());
    assertEquals(
        new Briefing(Optional.empty(), Optional.empty(), Optional.of(template)),
        verdict.briefing());
  }

  @Test
  void evaluateWhenConfirmRuleHasRiskThenVerdictCarriesIt() {
    Policy policy =
        policy(
            new RuleAction.Allow(),
            rule(
                "ask",
                "true",
                new RuleAction.Confirm(Optional.of("Sure?"), Optional.of(RiskLevel.LOW))));

    assertEquals(
        new PolicyVerdict.Confirm("ask", Optional.of("Sure?"), Optional.of(RiskLevel.LOW)),
        policy.evaluate(call("x", Map.of(), Map.of())));
  }

  @Test
  void evaluateWhenSeveralRulesMatchThenFirstDecides() {
    Policy policy =
        policy(
            new RuleAction.Allow(),
            rule("first", "true", new RuleAction.Deny("first wins")),
            rule("second", "true", new RuleAction.Allow()));

    assertEquals(
        new PolicyVerdict.Deny("first", "first wins"),
        policy.evaluate(call("x", Map.of(), Map.of())));
  }

  @Test
  void evaluateWhenNoRuleMatchesThenDefaultDecides() {
    Policy policy =
        policy(
            new RuleAction.Deny("nothing allowed"), rule("never", "false", new RuleAction.Allow()));

    assertEquals(
        new PolicyVerdict.Deny("default", "nothing allowed"),
        policy.evaluate(call("x", Map.of(), Map.of())));
  }

  @Test
  void evaluateWhenToolHasNoAnnotationsThenMcpDefaultsApply() {
    Policy policy =
        policy(
            new RuleAction.Deny("no"),
            rule(
                "defaults",
                "!tool.annotations.readOnlyHint && tool.annotations.destructiveHint"
                    + " && !tool.annotations.idempotentHint && tool.annotations.openWorldHint",
                new RuleAction.Allow()));

    assertInstanceOf(PolicyVerdict.Allow.class, policy.evaluate(call("x", Map.of(), Map.of())));
  }

  @Test
  void evaluateWhenToolDeclaresAnnotationsThenTheyOverrideDefaults() {
    Policy policy =
        policy(
            new RuleAction.Deny("no"),
            rule("reads", "tool.annotations.readOnlyHint", new RuleAction.Allow()));

    PolicyVerdict verdict = policy.evaluate(call("list", Map.of("readOnlyHint", true), Map.of()));

    assertEquals(new PolicyVerdict.Allow("reads"), verdict);
  }

  @Test
  void evaluateWhenArgumentsOfEachJsonTypeThenEachComparable() {
    Map<String, Object> args = new HashMap<>();
    args.put("text", "hello");
    args.put("count", 3); // Integer from some JSON decoders
    args.put("big", new BigDecimal("12"));
    args.put("ratio", new BigDecimal("0.5"));
    args.put("flag", true);
    args.put("list", Arrays.asList("a", "b"));
    args.put("object", Map.of("nested", 1L));
    args.put("nothing", null);
    String condition =
        "args.text == 'hello' && args.count == 3 && args.big == 12 && args.ratio == 0.5"
            + " && args.flag && size(args.list) == 2 && args.object.nested == 1"
            + " && args.nothing == null && type(args.count) == int && type(args.ratio) == double";
    Policy policy =
        policy(new RuleAction.Deny("no"), rule("types", condition, new RuleAction.Allow()));

    assertEquals(new PolicyVerdict.Allow("types"), policy.evaluate(call("x", Map.of(), args)));
  }

  @Test
  void evaluateWhenAgentTenantServerAndTimeUsedThenVisible() {
    String condition =
        "agent.name == 'support-bot' && agent.id == 'agent-1' && tenant == 'acme'"
            + " && tool.server == 'shop' && now.getHours() == 12";
    Policy policy =
        policy(new RuleAction.Deny("no"), rule("context", condition, new RuleAction.Allow()));

    assertEquals(
        new PolicyVerdict.Allow("context"), policy.evaluate(call("x", Map.of(), Map.of())));
  }

  @Test
  void evaluateWhenRuleCannotBeEvaluatedThenDenyFailClosed() {
    Policy policy =
        policy(
            new RuleAction.Allow(),
            rule("amount-check", "args.amount > 100", new RuleAction.Allow()));

    PolicyVerdict verdict = policy.evaluate(call("charge_card", Map.of(), Map.of()));

    PolicyVerdict.Deny deny = assertInstanceOf(PolicyVerdict.Deny.class, verdict);
    assertEquals("amount-check", deny.rule());
    assertTrue(
        deny.reason().startsWith("policy rule 'amount-check' could not be evaluated: "),
        deny.reason());
    assertTrue(deny.reason().contains("amount"), deny.reason());
  }

  @Test
  void evaluateWhenConditionGivesNoBoolThenDeny() {
    Policy policy =
        policy(new RuleAction.Allow(), rule("not-bool", "args.n", new RuleAction.Allow()));

    PolicyVerdict verdict = policy.evaluate(call("x", Map.of(), Map.of("n", 5L)));

    assertEquals(
        new PolicyVerdict.Deny(
            "not-bool",
            "policy rule 'not-bool' could not be evaluated: the condition gave 5, not a bool"),
        verdict);
  }

  @Test
  void checkWhenUndeclaredVariableThenErrorWithPosition() {
    ConditionCheck check = compiler.check("tool.name == 'x' && tols.name == 'y'");

    ConditionError error = assertInstanceOf(ConditionCheck.Rejected.class, check).errors().get(0);
    assertEquals(1, error.line());
    assertEquals(21, error.column());
    assertTrue(error.message().startsWith("undeclared reference to 'tols'"), error.message());
    assertTrue(
        error.display().startsWith("ERROR: <input>:1:21: undeclared reference"), error.display());
  }

  @Test
  void checkWhenSyntaxErrorOnSecondLineThenLineTwo() {
    ConditionCheck check = compiler.check("tool.name == 'x' &&\n  args.n >");

    ConditionError error = assertInstanceOf(ConditionCheck.Rejected.class, check).errors().get(0);
    assertEquals(2, error.line());
  }

  @Test
  void checkWhenResultIsNotBoolThenRejected() {
    ConditionCheck check = compiler.check("1 + 2");

    ConditionError error = assertInstanceOf(ConditionCheck.Rejected.class, check).errors().get(0);
    assertTrue(error.message().contains("expected type 'bool'"), error.message());
  }

  @Test
  void checkWhenMacrosAndStringFunctionsUsedThenCompiles() {
    ConditionCheck check =
        compiler.check(
            "has(args.to) && args.to.exists(r, r.endsWith('@acme.example')) && tool.name.lowerAscii() == 'x'");

    assertInstanceOf(ConditionCheck.Compiles.class, check);
  }

  @Test
  void compileWhenConditionDoesNotCompileThenIllegalArgument() {
    PolicyDefinition definition =
        new PolicyDefinition(
            new RuleAction.Allow(), List.of(rule("bad", "nope(", new RuleAction.Allow())));

    assertThrows(IllegalArgumentException.class, () -> compiler.compile(1, definition));
  }

  @Test
  void denyAllWhenEvaluatedThenDeniesWithVersionZero() {
    Policy policy = compiler.denyAll();

    assertEquals(0, policy.version());
    assertEquals(
        new PolicyVerdict.Deny("default", PolicyDefinition.DEFAULT_DENY_REASON),
        policy.evaluate(call("x", Map.of(), Map.of())));
  }

  private Policy policy(RuleAction defaultAction, RuleDefinition... rules) {
    return compiler.compile(7, new PolicyDefinition(defaultAction, List.of(rules)));
  }

  private static RuleDefinition rule(String name, String when, RuleAction action) {
    return new RuleDefinition(name, when, action);
  }

  private static PolicyInput call(
      String tool, Map<String, Object> annotations, Map<String, Object> args) {
    return new PolicyInput("acme", "shop", tool, annotations, args, AGENT, NOON);
  }
}
