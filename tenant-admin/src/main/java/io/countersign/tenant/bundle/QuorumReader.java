package io.countersign.tenant.bundle;

import io.countersign.tenant.policy.PolicyVerdict.GroupQuorum;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Reads one {@code {group, count}} of an approval, checked against the declared groups. */
final class QuorumReader {

  static final Set<String> FIELDS = Set.of("group", "count");

  private final BundleReader reader;
  private final Map<String, ApproverGroupDeclaration> groups;

  QuorumReader(BundleReader reader, Map<String, ApproverGroupDeclaration> groups) {
    this.reader = reader;
    this.groups = groups;
  }

  /**
   * The quorum in {@code entry}; empty, with a problem, when its group is unknown, already in
   * {@code seen} (which it is then added to), or has fewer members than the count.
   */
  Optional<GroupQuorum> read(YamlMap entry, Set<String> seen) {
    Optional<Located<String>> name = entry.requiredText("group");
    Optional<Integer> count = entry.integer("count", 1, 100);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    Optional<ApproverGroupDeclaration> group = known(name.get());
    if (group.isEmpty()) {
      return Optional.empty();
    }
    if (!seen.add(group.get().name())) {
      reader.problem(
          name.get().path(),
          name.get().node(),
          "group '" + group.get().name() + "' already decides this call");
      return Optional.empty();
    }
    int needed = count.orElse(1);
    int members = group.get().members().size();
    if (members > 0 && needed > members) {
      reader.problem(
          entry.path("count"),
          entry.value("count").orElse(entry.node()),
          "count "
              + needed
              + " is more than the "
              + members
              + " member(s) of group '"
              + group.get().name()
              + "'");
      return Optional.empty();
    }
    return entry.has("count") && count.isEmpty()
        ? Optional.empty()
        : Optional.of(new GroupQuorum(group.get().name(), needed));
  }

  /** The declared group {@code name} names; empty, with a problem, when none is declared so. */
  Optional<ApproverGroupDeclaration> known(Located<String> name) {
    ApproverGroupDeclaration group = groups.get(name.value());
    if (group == null) {
      String known =
          groups.isEmpty()
              ? "none are declared"
              : "declared: " + String.join(", ", new TreeSet<>(groups.keySet()));
      reader.problem(
          name.path(),
          name.node(),
          "unknown approver group '" + name.value() + "' (" + known + ")");
    }
    return Optional.ofNullable(group);
  }
}
