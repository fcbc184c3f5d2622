package io.countersign.tenant.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import io.countersign.tenant.policy.ConditionCheck.Compiles;
import io.countersign.tenant.policy.ConditionCheck.Rejected;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles policies written as CEL rules (see {@link PolicyInput} for the variables). A compiled
 * {@link Policy} is immutable and thread-safe: build it once per policy version.
 */
@ApplicationScoped
public class PolicyCompiler {

  /** Compiles one condition to check it, e.g. while validating a bundle. */
  public ConditionCheck check(String when) {
    CelValidationResult result = PolicyEnvironment.CEL.compile(when);
    if (!result.hasError()) {
      return new Compiles();
    }
    return new Rejected(errors(result));
  }

  /**
   * The policy in force as {@code version}.
   *
   * @throws IllegalArgumentException when a rule's condition does not compile (bundles are checked
   *     before import, so this means a stored document was edited by hand)
   */
  public Policy compile(int version, PolicyDefinition definition) {
    List<CompiledRule> rules = new ArrayList<>();
    for (RuleDefinition rule : definition.rules()) {
      rules.add(new CompiledRule(rule.name(), rule.when(), program(rule), rule.action()));
    }
    return new CelPolicy(version, rules, definition);
  }

  /** The built-in policy of a tenant without one: version 0, deny everything. */
  public Policy denyAll() {
    return new CelPolicy(0, List.of(), PolicyDefinition.DENY_ALL);
  }

  private static CelRuntime.Program program(RuleDefinition rule) {
    try {
      CelAbstractSyntaxTree ast = PolicyEnvironment.CEL.compile(rule.when()).getAst();
      return PolicyEnvironment.CEL.createProgram(ast);
    } catch (CelValidationException | CelEvaluationException e) {
      throw new IllegalArgumentException(
          "policy rule '" + rule.name() + "' does not compile: " + e.getMessage(), e);
    }
  }

  private static List<ConditionError> errors(CelValidationResult result) {
    List<ConditionError> errors = new ArrayList<>();
    for (CelIssue issue : result.getErrors()) {
      CelSourceLocation at = issue.getSourceLocation();
      boolean located = !CelSourceLocation.NONE.equals(at);
      // CEL lines are 1-based and columns 0-based; ours are both 1-based
      errors.add(
          new ConditionError(
              located ? at.getLine() : 1, located ? at.getColumn() + 1 : 1, issue.getMessage()));
    }
    if (errors.isEmpty()) {
      errors.add(new ConditionError(1, 1, result.getErrorString()));
    }
    return errors;
  }
}
