package io.countersign.demo.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.demo.db.TestDatabase;
import io.countersign.demo.order.OrderStatus;
import io.countersign.demo.sandbox.Sandbox;
import io.countersign.demo.tool.DemoTool;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract tools/list publishes: names, schemas, titles and annotations. */
class ToolDefinitionsTest {

  private final List<DemoTool> tools =
      DemoTools.all(TestDatabase.emptyH2(), new Sandbox(Path.of("unused")), Clock.systemUTC());
  private final DefaultJsonSchemaValidator validator = new DefaultJsonSchemaValidator();

  @Test
  void allToolsHaveTheNamesOfTheIssue() {
    assertEquals(
        List.of(
            "list_orders",
            "delete_orders",
            "send_email",
            "charge_card",
            "update_config",
            "read_file"),
        tools.stream().map(t -> t.definition().name()).toList());
  }

  @Test
  void everyToolHasTitleDescriptionSchemasAndAllFourHints() {
    for (DemoTool tool : tools) {
      McpSchema.Tool definition = tool.definition();
      String name = definition.name();
      assertNotNull(definition.title(), name);
      assertTrue(definition.description().length() > 20, name);
      assertEquals("object", definition.inputSchema().get("type"), name);
      assertEquals(false, definition.inputSchema().get("additionalProperties"), name);
      assertTrue(definition.inputSchema().get("required") instanceof List, name);
      assertTrue(definition.inputSchema().get("properties") instanceof Map, name);
      assertEquals("object", definition.outputSchema().get("type"), name);
      assertNotNull(definition.annotations().readOnlyHint(), name);
      assertNotNull(definition.annotations().destructiveHint(), name);
      assertNotNull(definition.annotations().idempotentHint(), name);
      assertNotNull(definition.annotations().openWorldHint(), name);
      assertEquals(definition.title(), definition.annotations().title(), name);
      assertTrue(validator.validateSchema(definition.inputSchema()).valid(), name);
      assertTrue(validator.validateSchema(definition.outputSchema()).valid(), name);
    }
  }

  @Test
  void readOnlyToolsAreNeverDestructive() {
    for (DemoTool tool : tools) {
      McpSchema.ToolAnnotations hints = tool.definition().annotations();
      if (hints.readOnlyHint()) {
        assertFalse(hints.destructiveHint(), tool.definition().name());
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void statusEnumsMatchTheOrderStatuses() {
    for (DemoTool tool : tools.subList(0, 2)) {
      Map<String, Object> properties =
          (Map<String, Object>) tool.definition().inputSchema().get("properties");
      Map<String, Object> status = (Map<String, Object>) properties.get("status");
      assertEquals(OrderStatus.ALL, new HashSet<>((List<String>) status.get("enum")));
    }
  }
}
