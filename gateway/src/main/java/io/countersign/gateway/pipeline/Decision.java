package io.countersign.gateway.pipeline;

import io.countersign.tenant.policy.ApprovalFollowUp;
import io.countersign.tenant.policy.Briefing;
import io.countersign.tenant.policy.PolicyVerdict.GroupQuorum;
import io.countersign.tenant.policy.RiskLevel;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What a stage decides about a tool call. Expected outcomes are values, never exceptions. */
public sealed interface Decision {

  /** Go on to the next stage; {@code rule} names the rule that let it pass, if one did. */
  record Proceed(Optional<String> rule) implements Decision {
    public static Proceed unconditionally() {
      return new Proceed(Optional.empty());
    }
  }

  /** Refuse; the agent sees {@code reason} as a tool error result. */
  record Deny(String rule, String reason) implements Decision {}

  /**
   * Hold the call until approvers agree ({@code quorum}) or {@code timeout} passes; meanwhile they
   * are reminded and the request escalated as {@code followUp} says; {@code briefing} is what the
   * policy tells them beyond the call (risk, the rule's condition, the tool's summary template).
   */
  record Hold(
      String rule,
      List<GroupQuorum> quorum,
      Duration timeout,
      ApprovalFollowUp followUp,
      Briefing briefing)
      implements Decision {
    /** With nothing for the approvers beyond the call. */
    public Hold(
        String rule, List<GroupQuorum> quorum, Duration timeout, ApprovalFollowUp followUp) {
      this(rule, quorum, timeout, followUp, Briefing.NONE);
    }

    /** Without reminders or escalation. */
    public Hold(String rule, List<GroupQuorum> quorum, Duration timeout) {
      this(rule, quorum, timeout, ApprovalFollowUp.NONE);
    }
  }

  /**
   * Go through once the requesting user confirms it in their own client; {@code message} is what
   * they are asked, when the rule says; {@code risk} is named in the question, when the rule says.
   */
  record Confirm(String rule, Optional<String> message, Optional<RiskLevel> risk)
      implements Decision {
    /** Without a risk. */
    public Confirm(String rule, Optional<String> message) {
      this(rule, message, Optional.empty());
    }
  }
}
