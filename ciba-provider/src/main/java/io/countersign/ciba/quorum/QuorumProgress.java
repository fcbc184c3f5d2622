package io.countersign.ciba.quorum;

import java.util.List;
import java.util.stream.Collectors;

/**
 * How far a request is toward its quorum: per group of the rule, who counts for it and how many
 * more it needs.
 *
 * @param groups one entry per term of the rule, in rule order
 */
public record QuorumProgress(List<GroupProgress> groups) {

  public QuorumProgress {
    groups = List.copyOf(groups);
  }

  /**
   * One group's share.
   *
   * @param requirement the term of the rule
   * @param counted the approvers counted for this group, in vote order
   */
  public record GroupProgress(GroupRequirement requirement, List<String> counted) {

    public GroupProgress {
      counted = List.copyOf(counted);
    }

    /** Approvals counted for this group. */
    public int have() {
      return counted.size();
    }

    /** Approvals this group needs in all. */
    public int need() {
      return requirement.count();
    }

    /** Whether this group has all it needs. */
    public boolean isMet() {
      return have() >= need();
    }
  }

  /** Whether every group has all it needs. */
  public boolean isMet() {
    return groups.stream().allMatch(GroupProgress::isMet);
  }

  /** How many more approvals are needed in all. */
  public int stillNeeded() {
    return groups.stream().mapToInt(group -> Math.max(0, group.need() - group.have())).sum();
  }

  /** Everyone counted, group by group in rule order. */
  public List<String> countedApprovers() {
    return groups.stream().flatMap(group -> group.counted().stream()).toList();
  }

  /** Plain language, e.g. {@code 1 of 2 from db-owners, 0 of 1 from security}. */
  public String describe() {
    return groups.stream()
        .map(g -> g.have() + " of " + g.need() + " from " + g.requirement().group())
        .collect(Collectors.joining(", "));
  }
}
