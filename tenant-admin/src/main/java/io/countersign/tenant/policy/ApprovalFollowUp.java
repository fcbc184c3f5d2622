package io.countersign.tenant.policy;

import io.countersign.tenant.policy.PolicyVerdict.GroupQuorum;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What happens while a held call waits for its approvers: reminders to those who have not voted,
 * every {@code remindEvery}, and escalation steps, each taken once its delay has passed if the call
 * is still undecided. The approval provider carries them out.
 *
 * @param remindEvery how often to remind, if at all
 * @param escalation the steps, in order of their delays
 */
public record ApprovalFollowUp(Optional<Duration> remindEvery, List<Step> escalation) {

  /** No reminders, no escalation. */
  public static final ApprovalFollowUp NONE = new ApprovalFollowUp(Optional.empty(), List.of());

  public ApprovalFollowUp {
    Objects.requireNonNull(remindEvery, "remindEvery");
    escalation = List.copyOf(escalation);
  }

  /**
   * One escalation step: {@code after} the call was held, tell the members of {@code notifyGroups}
   * (they may read the request, not vote) and let the {@code add} quorum approve too (the call is
   * then approved when the rule's quorum or the added one is met).
   */
  public record Step(Duration after, List<String> notifyGroups, List<GroupQuorum> add) {
    public Step {
      Objects.requireNonNull(after, "after");
      notifyGroups = List.copyOf(notifyGroups);
      add = List.copyOf(add);
      if (notifyGroups.isEmpty() && add.isEmpty()) {
        throw new IllegalArgumentException("an escalation step notifies or adds a group");
      }
    }
  }
}
