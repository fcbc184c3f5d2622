package io.countersign.demo.tool;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Assertions on tool outcomes, shared by the tool tests. */
public final class ToolOutcomes {

  private ToolOutcomes() {}

  public static ToolOutcome.Success success(ToolOutcome outcome) {
    return assertInstanceOf(ToolOutcome.Success.class, outcome, () -> "got " + outcome);
  }

  /** The message of a tool error. */
  public static String failure(ToolOutcome outcome) {
    return assertInstanceOf(ToolOutcome.Failure.class, outcome, () -> "got " + outcome).message();
  }
}
