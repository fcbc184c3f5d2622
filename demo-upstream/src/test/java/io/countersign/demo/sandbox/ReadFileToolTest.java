package io.countersign.demo.sandbox;

import static io.countersign.demo.tool.ToolOutcomes.failure;
import static io.countersign.demo.tool.ToolOutcomes.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadFileToolTest {

  @TempDir Path root;
  private ReadFileTool tool;

  @BeforeEach
  void seed() {
    SandboxSeeder.seed(root);
    tool = new ReadFileTool(new Sandbox(root));
  }

  @Test
  void invokeWhenFileInSandboxThenContentAndStructuredContent() {
    var outcome = success(tool.invoke(Map.of("path", "reports/q1-summary.csv")));

    assertTrue(outcome.text().startsWith("month,orders,revenue_eur"));
    assertEquals("reports/q1-summary.csv", outcome.structuredContent().get("path"));
    assertEquals(outcome.text(), outcome.structuredContent().get("content"));
  }

  @Test
  void invokeWhenPathEscapesThenToolError() {
    assertEquals(
        "'path' must not contain '..', got '../../etc/passwd'",
        failure(tool.invoke(Map.of("path", "../../etc/passwd"))));
    assertEquals(
        "'path' must be relative to the sandbox folder, got '/etc/passwd'",
        failure(tool.invoke(Map.of("path", "/etc/passwd"))));
    assertEquals("Missing required argument 'path'", failure(tool.invoke(Map.of())));
  }

  @Test
  void definitionIsReadOnly() {
    assertEquals(true, tool.definition().annotations().readOnlyHint());
    assertEquals(false, tool.definition().annotations().openWorldHint());
  }
}
