package io.countersign.tenant.policy;

/**
 * Why a CEL condition does not compile, at {@code line} and {@code column} (both 1-based) of the
 * condition's own text.
 */
public record ConditionError(int line, int column, String message) {

  /** The error as CEL prints it, e.g. {@code ERROR: <input>:1:6: undeclared reference to 'x'}. */
  public String display() {
    return "ERROR: <input>:" + line + ":" + column + ": " + message;
  }
}
