package io.countersign.ciba.details;

import io.countersign.ciba.quorum.GroupRequirement;
import io.countersign.ciba.quorum.QuorumRule;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One escalation step of a {@link FollowUp}: {@code after} the request was opened, if it is still
 * undecided, the provider tells the members of the {@code notify} groups (they may read the
 * request, not vote), and lets the {@code add} quorum decide too: from then on the request is
 * approved when either its own quorum or an added one is met.
 *
 * @param after the delay from the request's opening
 * @param notifyGroups approver groups to tell ({@code notify}), each at most once
 * @param add a quorum that may approve from this step on
 */
public record EscalationStep(Duration after, List<String> notifyGroups, Optional<QuorumRule> add) {

  public EscalationStep {
    Objects.requireNonNull(after, "after");
    notifyGroups = List.copyOf(notifyGroups);
    Objects.requireNonNull(add, "add");
    FollowUp.requireSeconds(after, "after");
    for (String group : notifyGroups) {
      if (!GroupRequirement.isGroupName(group)) {
        throw new IllegalArgumentException(
            "approver group name '"
                + group
                + "' does not match "
                + GroupRequirement.GROUP_NAME_PATTERN);
      }
    }
    if (new HashSet<>(notifyGroups).size() != notifyGroups.size()) {
      throw new IllegalArgumentException("an escalation step names a group to notify twice");
    }
    if (notifyGroups.isEmpty() && add.isEmpty()) {
      throw new IllegalArgumentException("an escalation step notifies a group or adds a quorum");
    }
  }

  /** The step's JSON form: {@code {"after": 600, "notify": ["security"], "add": "1 of it"}}. */
  public JsonObject toJson() {
    JsonObjectBuilder json = Json.createObjectBuilder().add("after", after.toSeconds());
    if (!notifyGroups.isEmpty()) {
      json.add("notify", Json.createArrayBuilder(notifyGroups));
    }
    add.ifPresent(rule -> json.add("add", rule.toString()));
    return json.build();
  }
}
