package io.countersign.ciba.quorum;

import java.util.List;
import java.util.stream.Collectors;

/**
 * How far a request is toward its quorum: per group of the rule, who counts for it and how many
 * more it needs; and, when escalation added quorums that may approve too, how far each of those is.
 *
 * @param groups one entry per term of the rule, in rule order
 * @param alternatives the progress of each added quorum, in the order they were added
 */
public record QuorumProgress(List<GroupProgress> groups, List<QuorumProgress> alternatives) {

  public QuorumProgress {
    groups = List.copyOf(groups);
    alternatives = List.copyOf(alternatives);
  }

  /** Progress toward one rule, with no added quorums. */
  public QuorumProgress(List<GroupProgress> groups) {
    this(groups, List.of());
  }

  /** This progress with the progress of added quorums beside it. */
  public QuorumProgress withAlternatives(List<QuorumProgress> added) {
    return new QuorumProgress(groups, added);
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

  /** Whether every group has all it needs, or an added quorum does. */
  public boolean isMet() {
    return groups.stream().allMatch(GroupProgress::isMet)
        || alternatives.stream().anyMatch(QuorumProgress::isMet);
  }

  /** How many more approvals are needed in all, along the shortest way (own or added quorum). */
  public int stillNeeded() {
    int own = groups.stream().mapToInt(group -> Math.max(0, group.need() - group.have())).sum();
    return alternatives.stream().mapToInt(QuorumProgress::stillNeeded).reduce(own, Math::min);
  }

  /** Everyone counted toward the rule's own groups, group by group in rule order. */
  public List<String> countedApprovers() {
    return groups.stream().flatMap(group -> group.counted().stream()).toList();
  }

  /**
   * Plain language, e.g. {@code 1 of 2 from db-owners, 0 of 1 from security}, and after an
   * escalation step added a quorum {@code 1 of 2 from db-owners; or 0 of 1 from managers}.
   */
  public String describe() {
    String own =
        groups.stream()
            .map(g -> g.have() + " of " + g.need() + " from " + g.requirement().group())
            .collect(Collectors.joining(", "));
    return alternatives.stream()
        .map(alternative -> "; or " + alternative.describe())
        .reduce(own, String::concat);
  }
}
