package io.countersign.tenant.bundle;

import io.countersign.tenant.policy.PolicyVerdict.GroupQuorum;
import io.countersign.tenant.policy.RuleAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an action ({@code allow | deny | require_approval | confirm}) with its {@code reason},
 * {@code approval} or {@code message}, from a rule or from the policy's default.
 */
final class ActionReader {

  static final Duration DEFAULT_APPROVAL_TIMEOUT = Duration.ofMinutes(15);

  private static final Set<String> APPROVAL_FIELDS =
      Set.of("groups", "timeout", "remindEvery", "escalation");
  private static final int MAX_REASON_LENGTH = 1000;

  /** What a user reads in an elicitation: short enough for a phone's dialog. */
  private static final int MAX_MESSAGE_LENGTH = 500;

  private final BundleReader reader;
  private final QuorumReader quorums;

  ActionReader(BundleReader reader, Map<String, ApproverGroupDeclaration> groups) {
    this.reader = reader;
    this.quorums = new QuorumReader(reader, groups);
  }

  /**
   * The action named by {@code key} in {@code map}.
   *
   * @param defaultReason used when a deny has no reason; empty when a reason is required
   */
  Optional<RuleAction> read(YamlMap map, String key, Optional<String> defaultReason) {
    Optional<Located<String>> word = map.requiredText(key);
    Optional<String> reason = map.optionalText("reason", MAX_REASON_LENGTH);
    String action = word.map(Located::value).orElse("");
    if (!action.equals("deny") && map.has("reason")) {
      reader.problem(
          map.path("reason"), map.value("reason").get(), "reason is only used with deny");
    }
    if (!action.equals("require_approval") && map.has("approval")) {
      reader.problem(
          map.path("approval"),
          map.value("approval").get(),
          "approval is only used with require_approval");
    }
    if (!action.equals("confirm") && map.has("message")) {
      reader.problem(
          map.path("message"), map.value("message").get(), "message is only used with confirm");
    }
    switch (action) {
      case "":
        return Optional.empty();
      case "allow":
        return Optional.of(new RuleAction.Allow());
      case "deny":
        return deny(map, reason.or(() -> defaultReason));
      case "require_approval":
        return map.required("approval").isPresent()
            ? map.map("approval", APPROVAL_FIELDS).flatMap(this::approval)
            : Optional.empty();
      case "confirm":
        return confirm(map);
      default:
        reader.problem(
            word.get().path(),
            word.get().node(),
            "unknown action '"
                + action
                + "'; expected one of allow, deny, require_approval, confirm");
        return Optional.empty();
    }
  }

  private Optional<RuleAction> confirm(YamlMap map) {
    Optional<String> message = map.optionalText("message", MAX_MESSAGE_LENGTH);
    if (map.has("message") && message.isEmpty()) {
      return Optional.empty();
    }
    if (message.isPresent() && message.get().isBlank()) {
      reader.problem(map.path("message"), map.value("message").get(), "message must not be blank");
      return Optional.empty();
    }
    return Optional.of(new RuleAction.Confirm(message));
  }

  private Optional<RuleAction> deny(YamlMap map, Optional<String> reason) {
    if (reason.isPresent() && !reason.get().isBlank()) {
      return Optional.of(new RuleAction.Deny(reason.get()));
    }
    if (reason.isPresent()) {
      reader.problem(map.path("reason"), map.value("reason").get(), "reason must not be blank");
    } else if (!map.has("reason")) {
      reader.problem(
          map.path("reason"),
          map.node(),
          "a deny needs a reason: the agent sees it as the tool error result");
    }
    return Optional.empty();
  }

  private Optional<RuleAction> approval(YamlMap approval) {
    Duration timeout =
        approval
            .duration("timeout", Duration.ofSeconds(10), Duration.ofDays(7))
            .orElse(DEFAULT_APPROVAL_TIMEOUT);
    approval.required("groups");
    List<GroupQuorum> quorum = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    boolean complete = true;
    for (YamlMap entry : approval.maps("groups", QuorumReader.FIELDS)) {
      Optional<GroupQuorum> read = quorums.read(entry, seen);
      read.ifPresent(quorum::add);
      complete &= read.isPresent();
    }
    if (!complete || quorum.isEmpty()) {
      if (complete && approval.has("groups")) {
        reader.problem(
            approval.path("groups"), approval.value("groups").get(), "needs at least one group");
      }
      return Optional.empty();
    }
    return new ApprovalFollowUpReader(reader, quorums)
        .read(approval, timeout, seen)
        .map(followUp -> new RuleAction.RequireApproval(quorum, timeout, followUp));
  }
}
