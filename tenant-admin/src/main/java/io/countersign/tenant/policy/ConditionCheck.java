package io.countersign.tenant.policy;

import java.util.List;

/** The result of compiling one condition. */
public sealed interface ConditionCheck {

  /** It compiles to a boolean expression over the policy variables. */
  record Compiles() implements ConditionCheck {}

  /** It does not compile; the errors point into the condition's text. */
  record Rejected(List<ConditionError> errors) implements ConditionCheck {
    public Rejected {
      errors = List.copyOf(errors);
    }
  }
}
