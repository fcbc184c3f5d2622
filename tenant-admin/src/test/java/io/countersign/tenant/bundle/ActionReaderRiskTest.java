package io.countersign.tenant.bundle;

import static io.countersign.tenant.bundle.Bundles.invalid;
import static io.countersign.tenant.bundle.Bundles.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.countersign.tenant.policy.RiskLevel;
import io.countersign.tenant.policy.RuleAction;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code risk:} on require_approval and confirm rules (and a default of either). */
class ActionReaderRiskTest {

  @Test
  void parseWhenRulesGiveRiskThenActionsCarryIt() {
    TenantBundle bundle =
        valid(
            Bundles.withPeople()
                + """
                policy:
                  default: require_approval
                  approval: { groups: [{ group: db-owners }] }
                  risk: low
                  rules:
                    - name: drops
                      when: tool.name == "drop_table"
                      action: require_approval
                      risk: critical
                      approval: { groups: [{ group: db-owners, count: 2 }] }
                    - name: mails
                      when: tool.name == "send_email"
                      action: confirm
                      risk: medium
                    - name: reads
                      when: "true"
                      action: require_approval
                      approval: { groups: [{ group: db-owners }] }
                """);

    assertEquals(Optional.of(RiskLevel.LOW), approval(bundle.policy().defaultAction()).risk());
    assertEquals(
        Optional.of(RiskLevel.CRITICAL), approval(bundle.policy().rules().get(0).action()).risk());
    assertEquals(
        new RuleAction.Confirm(Optional.empty(), Optional.of(RiskLevel.MEDIUM)),
        bundle.policy().rules().get(1).action());
    assertEquals(Optional.empty(), approval(bundle.policy().rules().get(2).action()).risk());
  }

  @Test
  void parseWhenRiskIsAnotherWordThenProblemAndTheApprovalStillChecked() {
    List<BundleProblem> problems =
        invalid(
            Bundles.withPeople()
                + """
                policy:
                  default: allow
                  rules:
                    - name: drops
                      when: "true"
                      action: require_approval
                      risk: extreme
                      approval: { groups: [{ group: finance }] }
                """);

    assertEquals(
        List.of(
            new BundleProblem(
                "policy.rules[0].risk",
                20,
                13,
                "unknown risk 'extreme'; expected one of low, medium, high, critical"),
            new BundleProblem(
                "policy.rules[0].approval.groups[0].group",
                21,
                37,
                "unknown approver group 'finance' (declared: db-owners)")),
        problems);
  }

  @Test
  void parseWhenRiskOnAllowOrDenyThenProblem() {
    List<BundleProblem> problems =
        invalid(
            Bundles.withPeople()
                + """
                policy:
                  default: allow
                  risk: high
                  rules:
                    - { name: no, when: "true", action: deny, reason: No., risk: low }
                """);

    assertEquals(
        List.of(
            "risk is only used with require_approval or confirm",
            "risk is only used with require_approval or confirm"),
        problems.stream().map(BundleProblem::message).toList());
    assertEquals("policy.risk", problems.get(0).path());
    assertEquals("policy.rules[0].risk", problems.get(1).path());
  }

  private static RuleAction.RequireApproval approval(RuleAction action) {
    return (RuleAction.RequireApproval) action;
  }
}
