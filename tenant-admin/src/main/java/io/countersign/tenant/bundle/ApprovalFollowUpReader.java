package io.countersign.tenant.bundle;

import io.countersign.tenant.policy.ApprovalFollowUp;
import io.countersign.tenant.policy.PolicyVerdict.GroupQuorum;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an approval's {@code remindEvery} and {@code escalation} steps ({@code after}, {@code
 * notify}, {@code add}), each checked against the approval's timeout and groups.
 */
final class ApprovalFollowUpReader {

  static final Set<String> STEP_FIELDS = Set.of("after", "notify", "add");

  /** Shortest reminder interval: more often would be noise, not a reminder. */
  static final Duration MIN_REMINDER_INTERVAL = Duration.ofSeconds(5);

  static final int MAX_STEPS = 10;

  private final BundleReader reader;
  private final QuorumReader quorums;

  ApprovalFollowUpReader(BundleReader reader, QuorumReader quorums) {
    this.reader = reader;
    this.quorums = quorums;
  }

  /**
   * The follow-up of {@code approval}; empty when it has a problem.
   *
   * @param deciding the groups of the approval's own quorum; the groups steps add join it
   */
  Optional<ApprovalFollowUp> read(YamlMap approval, Duration timeout, Set<String> deciding) {
    boolean complete = true;
    Optional<Duration> remindEvery =
        approval.duration("remindEvery", MIN_REMINDER_INTERVAL, Duration.ofDays(7));
    complete &= remindEvery.isPresent() || !approval.has("remindEvery");
    if (remindEvery.isPresent() && remindEvery.get().compareTo(timeout) >= 0) {
      reader.problem(
          approval.path("remindEvery"),
          approval.value("remindEvery").get(),
          "remindEvery "
              + remindEvery.get()
              + " is not shorter than the timeout "
              + timeout
              + ": no reminder would be sent");
      complete = false;
    }
    List<YamlMap> entries = approval.maps("escalation", STEP_FIELDS);
    if (entries.size() > MAX_STEPS) {
      reader.problem(
          approval.path("escalation"),
          approval.value("escalation").get(),
          "has " + entries.size() + " steps; at most " + MAX_STEPS + " allowed");
      return Optional.empty();
    }
    List<ApprovalFollowUp.Step> steps = new ArrayList<>();
    Duration previous = Duration.ZERO;
    for (YamlMap entry : entries) {
      Optional<Duration> after = after(entry, timeout, previous);
      Optional<ApprovalFollowUp.Step> step = step(entry, after, deciding);
      step.ifPresent(steps::add);
      previous = after.orElse(previous);
      complete &= step.isPresent();
    }
    return complete ? Optional.of(new ApprovalFollowUp(remindEvery, steps)) : Optional.empty();
  }

  /** The step's delay; empty, with a problem, when missing, too late, or out of order. */
  private Optional<Duration> after(YamlMap entry, Duration timeout, Duration previous) {
    if (entry.required("after").isEmpty()) {
      return Optional.empty();
    }
    Optional<Duration> after = entry.duration("after", Duration.ofSeconds(1), Duration.ofDays(7));
    if (after.isPresent() && after.get().compareTo(timeout) >= 0) {
      reader.problem(
          entry.path("after"),
          entry.value("after").get(),
          "after "
              + after.get()
              + " is not before the timeout "
              + timeout
              + ": the step would never be taken");
      return Optional.empty();
    }
    if (after.isPresent() && after.get().compareTo(previous) <= 0) {
      reader.problem(
          entry.path("after"),
          entry.value("after").get(),
          "steps come in order of their delays: after "
              + after.get()
              + " is not later than the step before ("
              + previous
              + ")");
      return Optional.empty();
    }
    return after;
  }

  private Optional<ApprovalFollowUp.Step> step(
      YamlMap entry, Optional<Duration> after, Set<String> deciding) {
    boolean complete = after.isPresent();
    List<String> notify = new ArrayList<>();
    Set<String> named = new HashSet<>();
    for (Located<String> name : entry.texts("notify")) {
      if (quorums.known(name).isEmpty()) {
        complete = false;
      } else if (deciding.contains(name.value())) {
        reader.problem(
            name.path(),
            name.node(),
            "group '"
                + name.value()
                + "' already decides this call; its members get reminders, use remindEvery");
        complete = false;
      } else if (!named.add(name.value())) {
        reader.problem(name.path(), name.node(), "group '" + name.value() + "' is named twice");
        complete = false;
      } else {
        notify.add(name.value());
      }
    }
    List<GroupQuorum> add = new ArrayList<>();
    for (YamlMap quorum : entry.maps("add", QuorumReader.FIELDS)) {
      Optional<GroupQuorum> read = quorums.read(quorum, deciding);
      read.ifPresent(add::add);
      complete &= read.isPresent();
    }
    if (!entry.has("notify") && !entry.has("add")) {
      reader.problem(entry.path(), entry.node(), "an escalation step needs notify, add or both");
      complete = false;
    } else if (complete && notify.isEmpty() && add.isEmpty()) {
      reader.problem(
          entry.path(), entry.node(), "an escalation step needs a group to notify or add");
      complete = false;
    }
    return complete
        ? Optional.of(new ApprovalFollowUp.Step(after.get(), notify, add))
        : Optional.empty();
  }
}
