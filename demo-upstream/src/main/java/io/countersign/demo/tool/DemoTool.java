package io.countersign.demo.tool;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;

/** One tool of the demo upstream: its MCP definition and what a call does. */
public interface DemoTool {

  /** Name, title, description, input and output schema and annotations, as tools/list shows. */
  McpSchema.Tool definition();

  /**
   * Runs the tool on checked arguments.
   *
   * @throws InvalidArgumentException when an argument breaks the tool's rules
   */
  ToolOutcome call(Arguments arguments);

  /**
   * Checks the raw {@code arguments} of a {@code tools/call} against this tool's input schema and
   * runs it. Input validation errors are tool execution errors (MCP 2025-11-25, server/tools "Error
   * Handling"), so they come back as a {@link ToolOutcome.Failure}, never as a JSON-RPC error.
   */
  default ToolOutcome invoke(Map<String, Object> arguments) {
    try {
      return call(Arguments.of(definition(), arguments));
    } catch (InvalidArgumentException e) {
      return ToolOutcome.failure(e.getMessage());
    }
  }
}
