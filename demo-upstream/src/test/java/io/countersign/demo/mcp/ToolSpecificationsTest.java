package io.countersign.demo.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.demo.db.TestDatabase;
import io.countersign.demo.order.ListOrdersTool;
import io.countersign.demo.order.OrderRepository;
import io.countersign.demo.tool.DemoTool;
import io.countersign.demo.tool.ToolOutcome;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolSpecificationsTest {

  private final DemoTool tool = new ListOrdersTool(new OrderRepository(TestDatabase.migratedH2()));

  @Test
  void resultWhenSuccessThenTextAndStructuredContentMatchingTheOutputSchema() {
    ToolOutcome outcome = tool.invoke(Map.of("limit", 2));

    CallToolResult result = ToolSpecifications.result(tool, outcome);

    assertEquals(false, result.isError());
    assertTrue(((TextContent) result.content().get(0)).text().startsWith("2 order(s)"));
    assertTrue(
        new DefaultJsonSchemaValidator()
            .validate(tool.definition().outputSchema(), result.structuredContent())
            .valid());
  }

  @Test
  void resultWhenFailureThenIsErrorWithTheMessage() {
    CallToolResult result = ToolSpecifications.result(tool, ToolOutcome.failure("no such status"));

    assertEquals(true, result.isError());
    assertEquals("no such status", ((TextContent) result.content().get(0)).text());
    assertNull(result.structuredContent());
  }
}
