package io.countersign.demo.tool;

/**
 * A tool argument breaks the tool's input rules. MCP reports these as tool execution errors ({@code
 * isError: true}), so the model can read the message and retry.
 */
public class InvalidArgumentException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public InvalidArgumentException(String message) {
    super(message);
  }
}
