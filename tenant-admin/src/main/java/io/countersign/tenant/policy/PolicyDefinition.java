package io.countersign.tenant.policy;

import io.countersign.tenant.summary.SummaryTemplate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A policy as written: ordered rules, the action when none matches, and the summary templates for
 * approvers keyed by {@link #summaryKey} (whichever way the tenant's agents see tool names).
 */
public record PolicyDefinition(
    RuleAction defaultAction,
    List<RuleDefinition> rules,
    SortedMap<String, SummaryTemplate> summaries) {

  /** The reason given when a policy's default denies without saying why. */
  public static final String DEFAULT_DENY_REASON = "No policy rule allows this tool call.";

  /** Refuses everything: the policy of a tenant that has none. */
  public static final PolicyDefinition DENY_ALL =
      new PolicyDefinition(new RuleAction.Deny(DEFAULT_DENY_REASON), List.of());

  public PolicyDefinition {
    rules = List.copyOf(rules);
    summaries = Collections.unmodifiableSortedMap(new TreeMap<>(summaries));
  }

  /** Without summary templates. */
  public PolicyDefinition(RuleAction defaultAction, List<RuleDefinition> rules) {
    this(defaultAction, rules, new TreeMap<>());
  }

  /** With summary templates, in any order. */
  public PolicyDefinition(
      RuleAction defaultAction,
      List<RuleDefinition> rules,
      Map<String, SummaryTemplate> summaries) {
    this(defaultAction, rules, new TreeMap<>(summaries));
  }

  /**
   * The key of a tool's summary template: {@code <upstream>__<tool>}, unambiguous since upstream
   * names never contain {@code __}.
   */
  public static String summaryKey(String upstream, String tool) {
    return upstream + "__" + tool;
  }

  /** The summary template for a tool of an upstream, if the policy has one. */
  public Optional<SummaryTemplate> summary(String upstream, String tool) {
    return Optional.ofNullable(summaries.get(summaryKey(upstream, tool)));
  }
}
