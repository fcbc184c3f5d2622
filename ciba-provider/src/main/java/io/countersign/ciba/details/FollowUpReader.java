package io.countersign.ciba.details;

import io.countersign.ciba.quorum.GroupRequirement;
import io.countersign.ciba.quorum.QuorumRule;
import io.countersign.ciba.quorum.QuorumSyntaxException;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the optional members {@code reminder_interval} and {@code escalation} of one {@value
 * McpToolCall#TYPE} object into a {@link FollowUp}, adding a {@link JsonProblem} for each that is
 * wrong.
 */
final class FollowUpReader {

  private static final Set<String> STEP_MEMBERS = Set.of("after", "notify", "add");

  private final JsonObject object;
  private final String pointer;
  private final List<JsonProblem> problems;

  FollowUpReader(JsonObject object, String pointer, List<JsonProblem> problems) {
    this.object = object;
    this.pointer = pointer;
    this.problems = problems;
  }

  /**
   * The follow-up; empty when a member has a problem. {@code quorum} is the request's own rule (no
   * step may add a group that already decides); empty when it has a problem of its own.
   */
  Optional<FollowUp> read(Optional<QuorumRule> quorum) {
    int before = problems.size();
    Optional<Duration> interval = Optional.empty();
    if (object.containsKey("reminder_interval")) {
      interval =
          seconds(object.get("reminder_interval"), JsonProblem.child(pointer, "reminder_interval"));
    }
    List<EscalationStep> steps = List.of();
    if (object.containsKey("escalation")) {
      steps = steps(object.get("escalation"), quorum);
    }
    return problems.size() == before
        ? Optional.of(new FollowUp(interval, steps))
        : Optional.empty();
  }

  private List<EscalationStep> steps(JsonValue value, Optional<QuorumRule> quorum) {
    String at = JsonProblem.child(pointer, "escalation");
    if (!(value instanceof JsonArray array)) {
      problems.add(new JsonProblem(at, "must be an array of steps"));
      return List.of();
    }
    if (array.isEmpty() || array.size() > FollowUp.MAX_STEPS) {
      problems.add(new JsonProblem(at, "must hold 1 to " + FollowUp.MAX_STEPS + " steps"));
      return List.of();
    }
    Set<String> deciding = new HashSet<>(quorum.map(QuorumRule::groupNames).orElse(List.of()));
    List<EscalationStep> steps = new ArrayList<>();
    Duration previous = Duration.ZERO;
    for (int i = 0; i < array.size(); i++) {
      Optional<EscalationStep> step = step(array.get(i), at + "/" + i, deciding);
      if (step.isPresent() && step.get().after().compareTo(previous) <= 0) {
        problems.add(
            new JsonProblem(
                at + "/" + i + "/after",
                "must be later than the step before (" + previous.toSeconds() + ")"));
      }
      step.ifPresent(s -> steps.add(s));
      previous = step.map(EscalationStep::after).orElse(previous);
    }
    return steps;
  }

  private Optional<EscalationStep> step(JsonValue value, String at, Set<String> deciding) {
    if (!(value instanceof JsonObject step)) {
      problems.add(new JsonProblem(at, "must be a JSON object"));
      return Optional.empty();
    }
    int before = problems.size();
    step.keySet().stream()
        .filter(name -> !STEP_MEMBERS.contains(name))
        .forEach(
            name ->
                problems.add(
                    new JsonProblem(at + "/" + name, "is not a member of an escalation step")));
    Optional<Duration> after = Optional.empty();
    if (step.containsKey("after")) {
      after = seconds(step.get("after"), at + "/after");
    } else {
      problems.add(new JsonProblem(at + "/after", "is required"));
    }
    List<String> notify =
        step.containsKey("notify") ? groups(step.get("notify"), at + "/notify") : List.of();
    Optional<QuorumRule> add =
        step.containsKey("add") ? added(step.get("add"), at + "/add", deciding) : Optional.empty();
    if (!step.containsKey("notify") && !step.containsKey("add")) {
      problems.add(new JsonProblem(at, "must have notify, add or both"));
    }
    return problems.size() == before
        ? Optional.of(new EscalationStep(after.orElseThrow(), notify, add))
        : Optional.empty();
  }

  private List<String> groups(JsonValue value, String at) {
    if (!(value instanceof JsonArray array) || array.isEmpty()) {
      problems.add(new JsonProblem(at, "must be a non-empty array of approver group names"));
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonValue name = array.get(i);
      if (!(name instanceof JsonString text) || !GroupRequirement.isGroupName(text.getString())) {
        problems.add(
            new JsonProblem(at + "/" + i, "must match " + GroupRequirement.GROUP_NAME_PATTERN));
      } else if (names.contains(text.getString())) {
        problems.add(new JsonProblem(at + "/" + i, "names group '" + text.getString() + "' twice"));
      } else {
        names.add(text.getString());
      }
    }
    return names;
  }

  private Optional<QuorumRule> added(JsonValue value, String at, Set<String> deciding) {
    if (!(value instanceof JsonString text)) {
      problems.add(new JsonProblem(at, "must be a quorum such as \"1 of managers\""));
      return Optional.empty();
    }
    QuorumRule rule;
    try {
      rule = QuorumRule.parse(text.getString());
    } catch (QuorumSyntaxException e) {
      problems.add(new JsonProblem(at, e.getMessage()));
      return Optional.empty();
    }
    for (String group : rule.groupNames()) {
      if (!deciding.add(group)) {
        problems.add(new JsonProblem(at, "group '" + group + "' already decides this request"));
        return Optional.empty();
      }
    }
    return Optional.of(rule);
  }

  private Optional<Duration> seconds(JsonValue value, String at) {
    if (value instanceof JsonNumber number && number.isIntegral()) {
      long seconds =
          number
              .bigIntegerValue()
              .min(java.math.BigInteger.valueOf(Long.MAX_VALUE))
              .max(java.math.BigInteger.ZERO)
              .longValue();
      if (seconds >= 1 && seconds <= FollowUp.MAX_SECONDS) {
        return Optional.of(Duration.ofSeconds(seconds));
      }
    }
    problems.add(
        new JsonProblem(at, "must be a whole number of seconds from 1 to " + FollowUp.MAX_SECONDS));
    return Optional.empty();
  }
}
