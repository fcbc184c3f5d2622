package io.countersign.ciba.quorum;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who must approve a request: one or more {@link GroupRequirement}s that must all be met, by
 * distinct approvers, plus the {@link RejectionPolicy}.
 *
 * <p>Text form ({@link #parse} and {@link #toString} are inverses):
 *
 * <pre>
 * rule   = term *( " and " term ) [ "; " policy ]
 * term   = count " of " group          ; count 1..99, group [a-z0-9][a-z0-9_-]{0,62}
 * policy = "reject on any" / "reject when unreachable"
 * </pre>
 *
 * for example {@code 1 of security and 2 of db-owners} or {@code 2 of db-owners; reject when
 * unreachable}. The parser accepts any run of white space where the grammar has one space; the
 * printed form omits the default policy.
 *
 * <p>An approver counts once, toward one group, even when they belong to several groups of the
 * rule; see {@link #progress} for how they are assigned.
 *
 * @param requirements the terms, in the order written; each group at most once
 * @param rejectionPolicy how rejections decide
 */
public record QuorumRule(List<GroupRequirement> requirements, RejectionPolicy rejectionPolicy) {

  /**
   * The text form's syntax as one regular expression (the JSON Schema's {@code quorum} pattern);
   * {@link #parse} also refuses a group named twice.
   */
  public static final String TEXT_PATTERN = QuorumRuleParser.PATTERN;

  public QuorumRule {
    requirements = List.copyOf(requirements);
    Objects.requireNonNull(rejectionPolicy, "rejectionPolicy");
    if (requirements.isEmpty()) {
      throw new IllegalArgumentException("a quorum rule needs at least one group");
    }
    Set<String> seen = new HashSet<>();
    for (GroupRequirement requirement : requirements) {
      if (!seen.add(requirement.group())) {
        throw new IllegalArgumentException(
            "group '" + requirement.group() + "' is named more than once");
      }
    }
  }

  /** {@code count} of one group, default rejection policy. */
  public static QuorumRule of(int count, String group) {
    return allOf(new GroupRequirement(group, count));
  }

  /** All the given requirements, default rejection policy. */
  public static QuorumRule allOf(GroupRequirement... requirements) {
    return new QuorumRule(List.of(requirements), RejectionPolicy.ANY_REJECTION);
  }

  /** This rule with another rejection policy. */
  public QuorumRule withRejectionPolicy(RejectionPolicy policy) {
    return new QuorumRule(requirements, policy);
  }

  /**
   * Parses the text form.
   *
   * @throws QuorumSyntaxException naming the part of {@code text} that is wrong
   */
  public static QuorumRule parse(String text) {
    return QuorumRuleParser.parse(text);
  }

  /** The group names, in the order written. */
  public List<String> groupNames() {
    return requirements.stream().map(GroupRequirement::group).toList();
  }

  /** How many approvals the rule needs in all. */
  public int totalCount() {
    return requirements.stream().mapToInt(GroupRequirement::count).sum();
  }

  /**
   * How far {@code approvals} go toward this rule.
   *
   * <p>Each approver fills at most one place in one group. The assignment is a maximum matching of
   * approvers to places, built deterministically: approvers are taken in the order given (vote
   * order); each takes a free place in the first of their groups, in rule order, that still needs
   * votes; when all their groups are full, an earlier approver is moved to another of their groups
   * if that frees a place (an augmenting path). So an early vote never blocks the quorum: with
   * {@code 1 of security and 2 of db-owners}, Alice (in both) first counts for security, and when
   * Bob (security only) approves, Alice moves to db-owners. Approvers beyond what the rule needs
   * are not counted. Repeated identifiers count once.
   */
  public QuorumProgress progress(List<Approver> approvals) {
    return QuorumMatching.assign(requirements, approvals);
  }

  /**
   * Whether the quorum can still be met when, on top of {@code approvals}, every one of {@code
   * stillEligible} approved.
   */
  public boolean canStillBeMet(List<Approver> approvals, List<Approver> stillEligible) {
    List<Approver> all = new ArrayList<>(approvals);
    all.addAll(stillEligible);
    return progress(all).isMet();
  }

  /** The text form, e.g. {@code 1 of security and 2 of db-owners}. */
  @Override
  public String toString() {
    String terms =
        requirements.stream().map(GroupRequirement::toString).collect(Collectors.joining(" and "));
    return rejectionPolicy == RejectionPolicy.ANY_REJECTION
        ? terms
        : terms + "; " + rejectionPolicy.text();
  }
}
