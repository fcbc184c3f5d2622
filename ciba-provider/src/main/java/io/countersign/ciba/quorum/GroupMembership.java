package io.countersign.ciba.quorum;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who belongs to which approver group at one moment (the time of a vote). Only the groups a rule
 * names matter; a group missing here has no members.
 *
 * @param members group name to member identifiers
 */
public record GroupMembership(Map<String, Set<String>> members) {

  public GroupMembership {
    Map<String, Set<String>> copy = new LinkedHashMap<>();
    members.forEach((group, ids) -> copy.put(group, Set.copyOf(ids)));
    members = Map.copyOf(copy);
  }

  /** No groups at all. */
  public static GroupMembership empty() {
    return new GroupMembership(Map.of());
  }

  /** This membership plus {@code group} with exactly {@code ids} as members. */
  public GroupMembership with(String group, Collection<String> ids) {
    Map<String, Set<String>> more = new LinkedHashMap<>(members);
    more.put(group, Set.copyOf(ids));
    return new GroupMembership(more);
  }

  /** This membership plus {@code group} with exactly {@code ids} as members. */
  public GroupMembership with(String group, String... ids) {
    return with(group, Set.of(ids));
  }

  /** The members of {@code group}; empty for an unknown group. */
  public Set<String> membersOf(String group) {
    return members.getOrDefault(group, Set.of());
  }

  /** The groups named by {@code rule} that {@code id} belongs to, in name order. */
  public Set<String> groupsOf(String id, QuorumRule rule) {
    return groupsOf(id, rule.groupNames());
  }

  /** The groups among {@code names} that {@code id} belongs to, in name order. */
  public Set<String> groupsOf(String id, Collection<String> names) {
    Set<String> groups = new TreeSet<>();
    for (String group : names) {
      if (membersOf(group).contains(id)) {
        groups.add(group);
      }
    }
    return groups;
  }

  /** Everyone in at least one group named by {@code rule}, in identifier order. */
  public Set<String> eligible(QuorumRule rule) {
    return eligible(rule.groupNames());
  }

  /** Everyone in at least one of the groups {@code names}, in identifier order. */
  public Set<String> eligible(Collection<String> names) {
    Set<String> ids = new TreeSet<>();
    names.forEach(group -> ids.addAll(membersOf(group)));
    return ids;
  }
}
