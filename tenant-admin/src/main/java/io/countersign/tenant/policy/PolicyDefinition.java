package io.countersign.tenant.policy;

import java.util.List;

/** A policy as written: ordered rules and the action when none matches. */
public record PolicyDefinition(RuleAction defaultAction, List<RuleDefinition> rules) {

  /** The reason given when a policy's default denies without saying why. */
  public static final String DEFAULT_DENY_REASON = "No policy rule allows this tool call.";

  /** Refuses everything: the policy of a tenant that has none. */
  public static final PolicyDefinition DENY_ALL =
      new PolicyDefinition(new RuleAction.Deny(DEFAULT_DENY_REASON), List.of());

  public PolicyDefinition {
    rules = List.copyOf(rules);
  }
}
