package io.countersign.tenant.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.countersign.tenant.policy.PolicyVerdict.GroupQuorum;
import io.countersign.tenant.summary.SummaryTemplate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyDocumentTest {

  private static final PolicyDefinition POLICY =
      new PolicyDefinition(
          new RuleAction.Deny("No rule allows it."),
          List.of(
              new RuleDefinition("reads", "tool.annotations.readOnlyHint", new RuleAction.Allow()),
              new RuleDefinition(
                  "big-charges",
                  "args.amount > 100",
                  new RuleAction.RequireApproval(
                      List.of(new GroupQuorum("finance", 1)), Duration.ofMinutes(15))),
              new RuleDefinition(
                  "escalating",
                  "args.amount > 1000",
                  new RuleAction.RequireApproval(
                      List.of(new GroupQuorum("finance", 2)),
                      Duration.ofMinutes(30),
                      new ApprovalFollowUp(
                          java.util.Optional.of(Duration.ofMinutes(5)),
                          List.of(
                              new ApprovalFollowUp.Step(
                                  Duration.ofMinutes(10), List.of("cfo-office"), List.of()),
                              new ApprovalFollowUp.Step(
                                  Duration.ofMinutes(20),
                                  List.of(),
                                  List.of(new GroupQuorum("cfo", 1))))))),
              new RuleDefinition(
                  "confirm-mail",
                  "tool.name == 'send_email'",
                  new RuleAction.Confirm(java.util.Optional.of("Send it?"))),
              new RuleDefinition(
                  "confirm-any", "true", new RuleAction.Confirm(java.util.Optional.empty()))));

  @Test
  void readWhenWrittenByOfThenSamePolicy() {
    PolicyDocument document = PolicyDocument.of(POLICY);

    assertEquals(POLICY, PolicyDocument.read(document.json()));
  }

  @Test
  void ofWhenSamePolicyThenSameTextAndDigest() {
    assertEquals(
        PolicyDocument.of(POLICY),
        PolicyDocument.of(PolicyDocument.read(PolicyDocument.of(POLICY).json())));
  }

  @Test
  void ofWhenRuleOrderChangesThenDigestChanges() {
    PolicyDefinition reordered =
        new PolicyDefinition(
            POLICY.defaultAction(), List.of(POLICY.rules().get(1), POLICY.rules().get(0)));

    assertNotEquals(PolicyDocument.of(POLICY).digest(), PolicyDocument.of(reordered).digest());
  }

  @Test
  void ofWhenRuleHasNoFollowUpThenDocumentAsBefore() {
    String json =
        PolicyDocument.of(
                new PolicyDefinition(
                    new RuleAction.RequireApproval(
                        List.of(new GroupQuorum("finance", 1)), Duration.ofMinutes(15)),
                    List.of()))
            .json();

    assertEquals(
        "{\"default\":{\"action\":\"require_approval\",\"approval\":{\"groups\":"
            + "[{\"count\":1,\"group\":\"finance\"}],\"timeout\":\"PT15M\"}},\"rules\":[]}",
        json);
  }

  @Test
  void readWhenRiskAndSummariesWrittenThenSamePolicy() {
    PolicyDefinition policy =
        new PolicyDefinition(
            new RuleAction.Allow(),
            List.of(
                new RuleDefinition(
                    "charges",
                    "args.amount > 100",
                    new RuleAction.RequireApproval(
                        List.of(new GroupQuorum("finance", 1)),
                        Duration.ofMinutes(15),
                        ApprovalFollowUp.NONE,
                        Optional.of(RiskLevel.HIGH))),
                new RuleDefinition(
                    "mail",
                    "true",
                    new RuleAction.Confirm(Optional.empty(), Optional.of(RiskLevel.LOW)))),
            Map.of(
                "shop__send_email", SummaryTemplate.of("E-mail {args.to} about \"{args.subject}\""),
                "shop__charge_card", SummaryTemplate.of("Charge {args.amount} {{EUR}}")));

    PolicyDocument document = PolicyDocument.of(policy);

    assertEquals(policy, PolicyDocument.read(document.json()));
    assertEquals(
        "{\"default\":{\"action\":\"allow\"},\"rules\":[{\"action\":\"require_approval\","
            + "\"approval\":{\"groups\":[{\"count\":1,\"group\":\"finance\"}],\"timeout\":\"PT15M\"},"
            + "\"name\":\"charges\",\"risk\":\"high\",\"when\":\"args.amount > 100\"},"
            + "{\"action\":\"confirm\",\"name\":\"mail\",\"risk\":\"low\",\"when\":\"true\"}],"
            + "\"summaries\":{\"shop__charge_card\":\"Charge {args.amount} {{EUR}}\","
            + "\"shop__send_email\":\"E-mail {args.to} about \\\"{args.subject}\\\"\"}}",
        document.json());
  }

  @Test
  void ofWhenRiskOrSummaryAddedThenDigestChanges() {
    PolicyDefinition plain =
        new PolicyDefinition(
            new RuleAction.RequireApproval(
                List.of(new GroupQuorum("finance", 1)), Duration.ofMinutes(15)),
            List.of());
    PolicyDefinition risky =
        new PolicyDefinition(
            new RuleAction.RequireApproval(
                List.of(new GroupQuorum("finance", 1)),
                Duration.ofMinutes(15),
                ApprovalFollowUp.NONE,
                Optional.of(RiskLevel.MEDIUM)),
            List.of());
    PolicyDefinition summarised =
        new PolicyDefinition(
            plain.defaultAction(), List.of(), Map.of("a__b", SummaryTemplate.of("B")));

    String digest = PolicyDocument.of(plain).digest();
    assertNotEquals(digest, PolicyDocument.of(risky).digest());
    assertNotEquals(digest, PolicyDocument.of(summarised).digest());
  }

  @Test
  void readWhenStoredSummaryIsNoTemplateThenIllegalArgument() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            PolicyDocument.read(
                "{\"default\":{\"action\":\"allow\"},\"rules\":[],\"summaries\":{\"a__b\":\"{x}\"}}"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            PolicyDocument.read(
                "{\"default\":{\"action\":\"confirm\",\"risk\":\"huge\"},\"rules\":[]}"));
  }

  @Test
  void ofWhenWrittenThenMembersSortedWithoutWhitespace() {
    String json = PolicyDocument.of(new PolicyDefinition(new RuleAction.Allow(), List.of())).json();

    assertEquals("{\"default\":{\"action\":\"allow\"},\"rules\":[]}", json);
  }

  @Test
  void readWhenMalformedThenIllegalArgument() {
    assertThrows(IllegalArgumentException.class, () -> PolicyDocument.read("{\"rules\":[]}"));
  }
}
