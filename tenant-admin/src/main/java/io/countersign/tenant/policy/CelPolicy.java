package io.countersign.tenant.policy;

import dev.cel.runtime.CelEvaluationException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A compiled policy: the first rule whose condition holds decides, else the default action. */
final class CelPolicy implements Policy {

  /** The rule name a verdict carries when no rule matched. */
  static final String DEFAULT_RULE = "default";

  private final int version;
  private final List<CompiledRule> rules;
  private final PolicyDefinition definition;

  /** {@code rules} compiled from {@code definition}, which gives the default and the summaries. */
  CelPolicy(int version, List<CompiledRule> rules, PolicyDefinition definition) {
    this.version = version;
    this.rules = List.copyOf(rules);
    this.definition = definition;
  }

  @Override
  public int version() {
    return version;
  }

  @Override
  public PolicyVerdict evaluate(PolicyInput input) {
    Map<String, Object> activation = PolicyActivation.of(input);
    for (CompiledRule rule : rules) {
      Object result;
      try {
        result = rule.condition().eval(activation);
      } catch (CelEvaluationException e) {
        return cannotEvaluate(rule, e.getMessage());
      }
      if (!(result instanceof Boolean)) {
        // e.g. an unknown (a null variable) or a dyn value that is not a bool
        return cannotEvaluate(rule, "the condition gave " + result + ", not a bool");
      }
      if ((Boolean) result) {
        return rule.action()
            .verdict(
                rule.name(),
                Optional.of(rule.when()),
                definition.summary(input.server(), input.tool()));
      }
    }
    return definition
        .defaultAction()
        .verdict(DEFAULT_RULE, Optional.empty(), definition.summary(input.server(), input.tool()));
  }

  /** Fail closed: a rule that cannot be evaluated must not let the call through. */
  private static PolicyVerdict cannotEvaluate(CompiledRule rule, String why) {
    return new PolicyVerdict.Deny(
        rule.name(), "policy rule '" + rule.name() + "' could not be evaluated: " + why);
  }

  @Override
  public String toString() {
    return "CelPolicy[version " + version + ", " + rules.size() + " rules]";
  }
}
