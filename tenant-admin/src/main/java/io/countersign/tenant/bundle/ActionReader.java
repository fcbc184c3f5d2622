package io.countersign.tenant.bundle;

import io.countersign.tenant.policy.PolicyVerdict.GroupQuorum;
import io.countersign.tenant.policy.RiskLevel;
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
 * {@code approval}, {@code message} or {@code risk}, from a rule or from the policy's default.
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
    if (!action.equals("require_approval") && !action.equals("confirm") && map.has("risk")) {
      reader.problem(
          map.path("risk"),
          map.value("risk").get(),
          "risk is only used with require_approval or confirm");
    }
    switch (action) {
      case "":
        return Optional.empty();
      case "allow":
        return Optional.of(new RuleAction.Allow());
      case "deny":
        return deny(map, reason.or(() -> defaultReason));
      case "require_approval":
        return requireApproval(map);
      case "confirm":
        Optional<Optional<RiskLevel>> risk = risk(map);
        Optional<RuleAction> confirm = confirm(map, risk.flatMap(r -> r));
        return risk.isPresent() ? confirm : Optional.empty();
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

  private Optional<RuleAction> requireApproval(YamlMap map) {
    Optional<Optional<RiskLevel>> risk = risk(map);
    Optional<RuleAction> approval =
        map.required("approval").isPresent()
            ? map.map("approval", APPROVAL_FIELDS).flatMap(a -> approval(a, risk.flatMap(r -> r)))
            : Optional.empty();
    return risk.isPresent() ? approval : Optional.empty();
  }

  /**
   * {@code risk: low | medium | high | critical}: the risk approvers are told; absent, the inner
   * optional is empty. Empty, with a problem, when it is another word.
   */
  private Optional<Optional<RiskLevel>> risk(YamlMap map) {
    Optional<Located<String>> word = map.optionalText("risk");
    if (word.isEmpty()) {
      return map.has("risk") ? Optional.empty() : Optional.of(Optional.empty());
    }
    Optional<RiskLevel> risk = RiskLevel.of(word.get().value());
    if (risk.isEmpty()) {
      reader.problem(
          word.get().path(),
          word.get().node(),
          "unknown risk '" + word.get().value() + "'; expected one of low, medium, high, critical");
      return Optional.empty();
    }
    return Optional.of(risk);
  }

  private Optional<RuleAction> confirm(YamlMap map, Optional<RiskLevel> risk) {
    Optional<String> message = map.optionalText("message", MAX_MESSAGE_LENGTH);
    if (map.has("message") && message.isEmpty()) {
      return Optional.empty();
    }
    if (message.isPresent() && message.get().isBlank()) {
      reader.problem(map.path("message"), map.value("message").get(), "message must not be blank");
      return Optional.empty();
    }
    return Optional.of(new RuleAction.Confirm(message, risk));
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

  private Optional<RuleAction> approval(YamlMap approval, Optional<RiskLevel> risk) {
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
        .map(followUp -> new RuleAction.RequireApproval(quorum, timeout, followUp, risk));
  }
}
