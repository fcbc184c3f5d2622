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

  /**
   * Held until enough approvers agree; reminded and escalated as {@code followUp} says; {@code
   * briefing} is what the approvers are told beyond the call.
   */
  record RequireApproval(
      String rule,
      List<GroupQuorum> quorum,
      Duration timeout,
      ApprovalFollowUp followUp,
      Briefing briefing)
      implements PolicyVerdict {
    public RequireApproval {
      quorum = List.copyOf(quorum);
      Objects.requireNonNull(followUp, "followUp");
      Objects.requireNonNull(briefing, "briefing");
    }

    /** With nothing for the approvers beyond the call. */
    public RequireApproval(
        String rule, List<GroupQuorum> quorum, Duration timeout, ApprovalFollowUp followUp) {
      this(rule, quorum, timeout, followUp, Briefing.NONE);
    }

    /** Without reminders or escalation. */
    public RequireApproval(String rule, List<GroupQuorum> quorum, Duration timeout) {
      this(rule, quorum, timeout, ApprovalFollowUp.NONE);
    }
  }

  /**
   * Goes through once the requesting user confirms it in their own client; {@code risk} is named in
   * the question when the rule gives one.
   */
  record Confirm(String rule, Optional<String> message, Optional<RiskLevel> risk)
      implements PolicyVerdict {
    public Confirm {
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(risk, "risk");
    }

    /** Without a risk. */
    public Confirm(String rule, Optional<String> message) {
      this(rule, message, Optional.empty());
    }
  }

  /** {@code count} distinct approvers from {@code group}. */
  record GroupQuorum(String group, int count) {}
}
