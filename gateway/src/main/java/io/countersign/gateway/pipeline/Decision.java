package io.countersign.gateway.pipeline;

import io.countersign.tenant.policy.ApprovalFollowUp;
import io.countersign.tenant.policy.PolicyVerdict.GroupQuorum;
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
   * are reminded and the request escalated as {@code followUp} says.
   */
  record Hold(String rule, List<GroupQuorum> quorum, Duration timeout, ApprovalFollowUp followUp)
      implements Decision {
    /** Without reminders or escalation. */
    public Hold(String rule, List<GroupQuorum> quorum, Duration timeout) {
      this(rule, quorum, timeout, ApprovalFollowUp.NONE);
    }
  }

  /**
   * Go through once the requesting user confirms it in their own client; {@code message} is what
   * they are asked, when the rule says.
   */
  record Confirm(String rule, Optional<String> message) implements Decision {}
}
