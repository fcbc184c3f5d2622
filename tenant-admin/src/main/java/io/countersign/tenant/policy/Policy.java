package io.countersign.tenant.policy;

/** A tenant's policy in force: ordered rules, the first that matches decides. */
public interface Policy {

  /** The version number of this policy (0 for the built-in deny-all policy). */
  int version();

  /**
   * Decides one tool call. Never throws for an expected outcome: a rule that fails to evaluate
   * yields {@link PolicyVerdict.Deny} (fail closed).
   */
  PolicyVerdict evaluate(PolicyInput input);
}
