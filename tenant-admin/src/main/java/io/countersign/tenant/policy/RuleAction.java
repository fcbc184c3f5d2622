package io.countersign.tenant.policy;

import io.countersign.tenant.policy.PolicyVerdict.GroupQuorum;
import java.time.Duration;
import java.util.List;

/** What a rule (or the policy's default) does with a call it matches. */
public sealed interface RuleAction {

  /** The action's name in bundles and policy documents. */
  String name();

  /** The verdict this action gives when {@code rule} decides. */
  PolicyVerdict verdict(String rule);

  /** The call goes through. */
  record Allow() implements RuleAction {
    @Override
    public String name() {
      return "allow";
    }

    @Override
    public PolicyVerdict verdict(String rule) {
      return new PolicyVerdict.Allow(rule);
    }
  }

  /** The call is refused; the agent sees {@code reason} as a tool error result. */
  record Deny(String reason) implements RuleAction {
    public Deny {
      if (reason == null || reason.isBlank()) {
        throw new IllegalArgumentException("a deny action needs a reason the agent can read");
      }
    }

    @Override
    public String name() {
      return "deny";
    }

    @Override
    public PolicyVerdict verdict(String rule) {
      return new PolicyVerdict.Deny(rule, reason);
    }
  }

  /** The call waits until each group's quorum approves, or {@code timeout} passes. */
  record RequireApproval(List<GroupQuorum> groups, Duration timeout) implements RuleAction {
    public RequireApproval {
      groups = List.copyOf(groups);
      if (groups.isEmpty()) {
        throw new IllegalArgumentException("require_approval needs at least one approver group");
      }
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("require_approval needs a positive timeout");
      }
    }

    @Override
    public String name() {
      return "require_approval";
    }

    @Override
    public PolicyVerdict verdict(String rule) {
      return new PolicyVerdict.RequireApproval(rule, groups, timeout);
    }
  }
}
