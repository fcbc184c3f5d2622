package io.countersign.tenant.policy;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of evaluating a policy on one tool call; {@code rule} names the rule that decided.
 */
public sealed interface PolicyVerdict {

  String rule();

  record Allow(String rule) implements PolicyVerdict {}

  /** Refused; {@code reason} is shown to the agent as a tool error result. */
  record Deny(String rule, String reason) implements PolicyVerdict {}

  /** Held until enough approvers agree; reminded and escalated as {@code followUp} says. */
  record RequireApproval(
      String rule, List<GroupQuorum> quorum, Duration timeout, ApprovalFollowUp followUp)
      implements PolicyVerdict {
    public RequireApproval {
      quorum = List.copyOf(quorum);
      Objects.requireNonNull(followUp, "followUp");
    }

    /** Without reminders or escalation. */
    public RequireApproval(String rule, List<GroupQuorum> quorum, Duration timeout) {
      this(rule, quorum, timeout, ApprovalFollowUp.NONE);
    }
  }

  /** Goes through once the requesting user confirms it in their own client. */
  record Confirm(String rule, Optional<String> message) implements PolicyVerdict {}

  /** {@code count} distinct approvers from {@code group}. */
  record GroupQuorum(String group, int count) {}
}
