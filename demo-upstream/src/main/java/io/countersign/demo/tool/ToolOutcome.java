package io.countersign.demo.tool;

import java.util.Map;
import java.util.Objects;

/** What a tool call produced: a result for the model, or a tool error it can read. */
public sealed interface ToolOutcome permits ToolOutcome.Success, ToolOutcome.Failure {

  static ToolOutcome success(String text, Map<String, Object> structuredContent) {
    return new Success(text, structuredContent);
  }

  static ToolOutcome failure(String message) {
    return new Failure(message);
  }

  /**
   * @param text the human-readable {@code content} text
   * @param structuredContent the {@code structuredContent}, matching the tool's {@code
   *     outputSchema}
   */
  record Success(String text, Map<String, Object> structuredContent) implements ToolOutcome {
    public Success {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(structuredContent, "structuredContent");
    }
  }

  /**
   * @param message why the call failed, phrased for the caller
   */
  record Failure(String message) implements ToolOutcome {
    public Failure {
      Objects.requireNonNull(message, "message");
    }
  }
}
