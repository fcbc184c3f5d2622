package io.countersign.ciba.details;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the provider does while a request waits for its approvers (the {@code mcp_tool_call} members
 * {@code reminder_interval} and {@code escalation}): every {@code reminderInterval} it reminds the
 * approvers who have not voted yet, and it takes each {@link EscalationStep} once its delay has
 * passed since the request was opened.
 *
 * @param reminderInterval how often to remind, if at all
 * @param escalation the steps, in the order of their delays (strictly increasing)
 */
public record FollowUp(Optional<Duration> reminderInterval, List<EscalationStep> escalation) {

  /** Neither reminders nor escalation. */
  public static final FollowUp NONE = new FollowUp(Optional.empty(), List.of());

  /** The most escalation steps one request may have. */
  public static final int MAX_STEPS = 10;

  /** The longest delay or interval, in seconds (7 days: the longest approval timeout). */
  public static final long MAX_SECONDS = 7L * 24 * 3600;

  public FollowUp {
    Objects.requireNonNull(reminderInterval, "reminderInterval");
    escalation = List.copyOf(escalation);
    reminderInterval.ifPresent(interval -> requireSeconds(interval, "reminder_interval"));
    if (escalation.size() > MAX_STEPS) {
      throw new IllegalArgumentException("at most " + MAX_STEPS + " escalation steps");
    }
    for (int i = 1; i < escalation.size(); i++) {
      if (escalation.get(i).after().compareTo(escalation.get(i - 1).after()) <= 0) {
        throw new IllegalArgumentException("escalation steps must come in order of their delays");
      }
    }
  }

  static void requireSeconds(Duration duration, String what) {
    if (duration.getNano() != 0
        || duration.getSeconds() < 1
        || duration.getSeconds() > MAX_SECONDS) {
      throw new IllegalArgumentException(
          what + " must be whole seconds from 1 to " + MAX_SECONDS + ", not " + duration);
    }
  }

  /** The groups the steps notify or add, each once, in step order. */
  public List<String> groupNames() {
    return escalation.stream()
        .flatMap(
            step ->
                Stream.concat(
                    step.notifyGroups().stream(),
                    step.add().stream().flatMap(rule -> rule.groupNames().stream())))
        .distinct()
        .toList();
  }

  /** Whether there is nothing to follow up. */
  public boolean isNone() {
    return reminderInterval.isEmpty() && escalation.isEmpty();
  }

  /**
   * When the next reminder is due for a request opened at {@code openedAt} that has had {@code
   * sent} reminders.
   */
  public Optional<Instant> reminderDue(Instant openedAt, int sent) {
    return reminderInterval.map(interval -> openedAt.plus(interval.multipliedBy(sent + 1L)));
  }

  /**
   * How many reminders a request opened at {@code openedAt} should have had by {@code now}: a late
   * timer sends one reminder, not each one it missed.
   */
  public int remindersBy(Instant openedAt, Instant now) {
    return reminderInterval
        .map(interval -> (int) (Duration.between(openedAt, now).toSeconds() / interval.toSeconds()))
        .orElse(0);
  }

  /** When step {@code index} (from 0) is due for a request opened at {@code openedAt}. */
  public Optional<Instant> stepDue(Instant openedAt, int index) {
    return index < escalation.size()
        ? Optional.of(openedAt.plus(escalation.get(index).after()))
        : Optional.empty();
  }

  /** Adds this follow-up's members to an {@code mcp_tool_call} object; none when there is none. */
  void addTo(JsonObjectBuilder json) {
    reminderInterval.ifPresent(interval -> json.add("reminder_interval", interval.toSeconds()));
    if (!escalation.isEmpty()) {
      JsonArrayBuilder steps = Json.createArrayBuilder();
      escalation.forEach(step -> steps.add(step.toJson()));
      json.add("escalation", steps);
    }
  }
}
