package io.countersign.demo.mcp;

import io.countersign.demo.db.DataAccessException;
import io.countersign.demo.tool.DemoTool;
import io.countersign.demo.tool.ToolOutcome;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.UncheckedIOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Turns a {@link DemoTool} into the SDK's tool specification. */
final class ToolSpecifications {

  private static final Logger LOG = Logger.getLogger(ToolSpecifications.class.getName());

  private ToolSpecifications() {}

  static SyncToolSpecification of(DemoTool tool) {
    return SyncToolSpecification.builder()
        .tool(tool.definition())
        .callHandler((exchange, request) -> result(tool, outcome(tool, request.arguments())))
        .build();
  }

  private static ToolOutcome outcome(DemoTool tool, java.util.Map<String, Object> arguments) {
    String name = tool.definition().name();
    try {
      return tool.invoke(arguments);
    } catch (DataAccessException | UncheckedIOException e) {
      // A failure of the demo's own storage is still a tool execution error, not a protocol error.
      LOG.log(Level.WARNING, name + " failed", e);
      return ToolOutcome.failure(name + " failed: " + e.getMessage());
    }
  }

  static CallToolResult result(DemoTool tool, ToolOutcome outcome) {
    if (outcome instanceof ToolOutcome.Success success) {
      return CallToolResult.builder()
          .addTextContent(success.text())
          .structuredContent(success.structuredContent())
          .isError(false)
          .build();
    }
    ToolOutcome.Failure failure = (ToolOutcome.Failure) outcome;
    LOG.fine(() -> tool.definition().name() + " refused: " + failure.message());
    return CallToolResult.builder().addTextContent(failure.message()).isError(true).build();
  }
}
