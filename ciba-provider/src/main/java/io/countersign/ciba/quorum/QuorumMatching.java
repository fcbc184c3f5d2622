package io.countersign.ciba.quorum;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Assigns approvers to the places of a rule's groups: a maximum bipartite matching with capacities
 * (Kuhn's augmenting paths), deterministic for a given vote order. See {@link QuorumRule#progress}.
 */
final class QuorumMatching {

  private final List<GroupRequirement> requirements;
  private final List<Approver> approvers;
  private final List<List<Integer>> assigned = new ArrayList<>();

  private QuorumMatching(List<GroupRequirement> requirements, List<Approver> approvers) {
    this.requirements = requirements;
    this.approvers = approvers;
    requirements.forEach(requirement -> assigned.add(new ArrayList<>()));
  }

  static QuorumProgress assign(List<GroupRequirement> requirements, List<Approver> approvals) {
    List<Approver> distinct = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Approver approver : approvals) {
      if (seen.add(approver.id())) {
        distinct.add(approver);
      }
    }
    QuorumMatching matching = new QuorumMatching(requirements, distinct);
    for (int approver = 0; approver < distinct.size(); approver++) {
      matching.place(approver, new boolean[requirements.size()]);
    }
    return matching.progress();
  }

  /** Finds a place for {@code approver}, moving earlier approvers if needed. */
  private boolean place(int approver, boolean[] visited) {
    // A group that still needs votes is taken first, in rule order.
    for (int group = 0; group < requirements.size(); group++) {
      if (!visited[group] && belongs(approver, group) && hasFreePlace(group)) {
        assigned.get(group).add(approver);
        return true;
      }
    }
    // Otherwise try to move someone already counted in one of the approver's groups elsewhere.
    for (int group = 0; group < requirements.size(); group++) {
      if (visited[group] || !belongs(approver, group)) {
        continue;
      }
      visited[group] = true;
      for (Integer other : List.copyOf(assigned.get(group))) {
        if (place(other, visited)) {
          assigned.get(group).remove(other);
          assigned.get(group).add(approver);
          return true;
        }
      }
    }
    return false;
  }

  private boolean belongs(int approver, int group) {
    return approvers.get(approver).groups().contains(requirements.get(group).group());
  }

  private boolean hasFreePlace(int group) {
    return assigned.get(group).size() < requirements.get(group).count();
  }

  private QuorumProgress progress() {
    List<QuorumProgress.GroupProgress> groups = new ArrayList<>();
    for (int group = 0; group < requirements.size(); group++) {
      List<String> counted =
          assigned.get(group).stream().sorted().map(i -> approvers.get(i).id()).toList();
      groups.add(new QuorumProgress.GroupProgress(requirements.get(group), counted));
    }
    return new QuorumProgress(groups);
  }
}
