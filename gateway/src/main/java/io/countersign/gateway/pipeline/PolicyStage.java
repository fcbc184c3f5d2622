package io.countersign.gateway.pipeline;

import io.countersign.tenant.TenantDirectory;
import io.countersign.tenant.policy.PolicyInput;
import io.countersign.tenant.policy.PolicyVerdict;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** Applies the tenant's policy (ordered CEL rules) to the tool, its arguments and the agent. */
@ApplicationScoped
public class PolicyStage implements Stage {

  @Inject TenantDirectory directory;

  @Override
  public String name() {
    return "policy";
  }

  @Override
  public Decision apply(ToolCall call) {
    var input =
        new PolicyInput(
            call.tenantId(),
            call.upstream().name(),
            call.tool(),
            JsonValues.toJava(call.definition().getJsonObject("annotations")),
            JsonValues.toJava(call.arguments()),
            call.agent(),
            call.receivedAt());
    PolicyVerdict verdict = directory.policy(call.tenantId()).evaluate(input);
    if (verdict instanceof PolicyVerdict.Allow allow) {
      return new Decision.Proceed(Optional.of(allow.rule()));
    }
    if (verdict instanceof PolicyVerdict.Deny deny) {
      return new Decision.Deny(deny.rule(), deny.reason());
    }
    if (verdict instanceof PolicyVerdict.Confirm confirm) {
      return new Decision.Confirm(confirm.rule(), confirm.message(), confirm.risk());
    }
    var hold = (PolicyVerdict.RequireApproval) verdict;
    return new Decision.Hold(
        hold.rule(), hold.quorum(), hold.timeout(), hold.followUp(), hold.briefing());
  }
}
