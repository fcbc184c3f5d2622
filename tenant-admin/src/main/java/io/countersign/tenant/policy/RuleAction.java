package io.countersign.tenant.policy;

import io.countersign.tenant.policy.PolicyVerdict.GroupQuorum;
import io.countersign.tenant.summary.SummaryTemplate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What a rule (or the policy's default) does with a call it matches. */
public sealed interface RuleAction {

  /** The action's name in bundles and policy documents. */
  String name();

  /**
   * The verdict this action gives when {@code rule} decides.
   *
   * @param condition the rule's {@code when}; empty for the policy's default action
   * @param summary the policy's summary template for the call's tool, if any
   */
  PolicyVerdict verdict(String rule, Optional<String> condition, Optional<SummaryTemplate> summary);

  /** The call goes through. */
  record Allow() implements RuleAction {
    @Override
    public String name() {
      return "allow";
    }

    @Override
    public PolicyVerdict verdict(
        String rule, Optional<String> condition, Optional<SummaryTemplate> summary) {
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
    public PolicyVerdict verdict(
        String rule, Optional<String> condition, Optional<SummaryTemplate> summary) {
      return new PolicyVerdict.Deny(rule, reason);
    }
  }

  /**
   * The call waits until each group's quorum approves, or {@code timeout} passes; meanwhile the
   * approvers are reminded and the request escalated as {@code followUp} says. {@code risk} is what
   * the approvers are told of the call's risk; empty: judged from the tool's annotations.
   */
  record RequireApproval(
      List<GroupQuorum> groups,
      Duration timeout,
      ApprovalFollowUp followUp,
      Optional<RiskLevel> risk)
      implements RuleAction {
    public RequireApproval {
      groups = List.copyOf(groups);
      Objects.requireNonNull(followUp, "followUp");
      Objects.requireNonNull(risk, "risk");
      if (groups.isEmpty()) {
        throw new IllegalArgumentException("require_approval needs at least one approver group");
      }
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("require_approval needs a positive timeout");
      }
    }

    /** Without a risk of its own. */
    public RequireApproval(List<GroupQuorum> groups, Duration timeout, ApprovalFollowUp followUp) {
      this(groups, timeout, followUp, Optional.empty());
    }

    /** Without reminders, escalation or a risk of its own. */
    public RequireApproval(List<GroupQuorum> groups, Duration timeout) {
      this(groups, timeout, ApprovalFollowUp.NONE);
    }

    @Override
    public String name() {
      return "require_approval";
    }

    @Override
    public PolicyVerdict verdict(
        String rule, Optional<String> condition, Optional<SummaryTemplate> summary) {
      return new PolicyVerdict.RequireApproval(
          rule, groups, timeout, followUp, new Briefing(risk, condition, summary));
    }
  }

  /**
   * The requesting user confirms the call in their own agent's client (an elicitation, or a
   * 2026-07-28 input-required result) before it goes through; {@code message} is what they are
   * asked, else a sentence naming the agent, tool and upstream; {@code risk}, if the rule says, is
   * named in the question.
   */
  record Confirm(Optional<String> message, Optional<RiskLevel> risk) implements RuleAction {
    public Confirm {
      if (message.isPresent() && message.get().isBlank()) {
        throw new IllegalArgumentException("a confirm message must not be blank");
      }
      Objects.requireNonNull(risk, "risk");
    }

    /** Without a risk. */
    public Confirm(Optional<String> message) {
      this(message, Optional.empty());
    }

    @Override
    public String name() {
      return "confirm";
    }

    @Override
    public PolicyVerdict verdict(
        String rule, Optional<String> condition, Optional<SummaryTemplate> summary) {
      return new PolicyVerdict.Confirm(rule, message, risk);
    }
  }
}
