package io.countersign.tenant.policy;

import io.countersign.tenant.policy.PolicyVerdict.GroupQuorum;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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

  /**
   * The call waits until each group's quorum approves, or {@code timeout} passes; meanwhile the
   * approvers are reminded and the request escalated as {@code followUp} says.
   */
  record RequireApproval(List<GroupQuorum> groups, Duration timeout, ApprovalFollowUp followUp)
      implements RuleAction {
    public RequireApproval {
      groups = List.copyOf(groups);
      Objects.requireNonNull(followUp, "followUp");
      if (groups.isEmpty()) {
        throw new IllegalArgumentException("require_approval needs at least one approver group");
      }
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("require_approval needs a positive timeout");
      }
    }

    /** Without reminders or escalation. */
    public RequireApproval(List<GroupQuorum> groups, Duration timeout) {
      this(groups, timeout, ApprovalFollowUp.NONE);
    }

    @Override
    public String name() {
      return "require_approval";
    }

    @Override
    public PolicyVerdict verdict(String rule) {
      return new PolicyVerdict.RequireApproval(rule, groups, timeout, followUp);
    }
  }

  /**
   * The requesting user confirms the call in their own agent's client (an elicitation, or a
   * 2026-07-28 input-required result) before it goes through; {@code message} is what they are
   * asked, else a sentence naming the agent, tool and upstream.
   */
  record Confirm(Optional<String> message) implements RuleAction {
    public Confirm {
      if (message.isPresent() && message.get().isBlank()) {
        throw new IllegalArgumentException("a confirm message must not be blank");
      }
    }

    @Override
    public String name() {
      return "confirm";
    }

    @Override
    public PolicyVerdict verdict(String rule) {
      return new PolicyVerdict.Confirm(rule, message);
    }
  }
}
