package io.countersign.demo.order;

import static io.countersign.demo.tool.ToolOutcomes.failure;
import static io.countersign.demo.tool.ToolOutcomes.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.demo.db.TestDatabase;
import io.countersign.demo.tool.ToolOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class ListOrdersToolTest {

  private final DataSource dataSource = TestDatabase.migratedH2();
  private final ListOrdersTool tool = new ListOrdersTool(new OrderRepository(dataSource));

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> orders(ToolOutcome outcome) {
    return (List<Map<String, Object>>) success(outcome).structuredContent().get("orders");
  }

  @Test
  void invokeWhenNoFilterThenNewestDefaultLimitFirst() {
    List<Map<String, Object>> orders = orders(tool.invoke(Map.of()));

    assertEquals(ListOrdersTool.DEFAULT_LIMIT, orders.size());
    for (int i = 1; i < orders.size(); i++) {
      Instant previous = Instant.parse((String) orders.get(i - 1).get("created_at"));
      Instant current = Instant.parse((String) orders.get(i).get("created_at"));
      assertTrue(!current.isAfter(previous), "newest first");
    }
  }

  @Test
  void invokeWhenStatusAndCustomerThenOnlyMatchingOrders() {
    long expected =
        TestDatabase.count(
            dataSource,
            "SELECT COUNT(*) FROM demo_order WHERE status = 'delivered' AND customer = 'acme'");

    List<Map<String, Object>> orders =
        orders(tool.invoke(Map.of("status", "delivered", "customer", "acme", "limit", 200)));

    assertEquals(expected, orders.size());
    assertTrue(orders.stream().allMatch(o -> o.get("status").equals("delivered")));
    assertTrue(orders.stream().allMatch(o -> o.get("customer").equals("acme")));
  }

  @Test
  void invokeWhenCreatedWindowThenOnlyOrdersInside() {
    ToolOutcome outcome =
        tool.invoke(
            Map.of(
                "created_after",
                "2026-02-01",
                "created_before",
                "2026-03-01T00:00:00Z",
                "limit",
                200));

    List<Map<String, Object>> orders = orders(outcome);
    assertTrue(!orders.isEmpty());
    for (Map<String, Object> order : orders) {
      Instant created = Instant.parse((String) order.get("created_at"));
      assertTrue(created.isAfter(Instant.parse("2026-02-01T00:00:00Z")));
      assertTrue(created.isBefore(Instant.parse("2026-03-01T00:00:00Z")));
    }
    assertEquals(orders.size(), success(outcome).structuredContent().get("count"));
    assertTrue(success(outcome).text().startsWith(orders.size() + " order(s)"));
  }

  @Test
  void invokeWhenLimitThenAtMostThatMany() {
    assertEquals(3, orders(tool.invoke(Map.of("limit", 3))).size());
    assertEquals(50, orders(tool.invoke(Map.of("limit", 200))).size());
  }

  @Test
  void invokeWhenArgumentsAreBadThenToolError() {
    assertEquals(
        "'status' must be one of [cancelled, delivered, paid, pending, refunded, shipped], got 'lost'",
        failure(tool.invoke(Map.of("status", "lost"))));
    assertEquals(
        "'limit' must be between 1 and 200, got 0", failure(tool.invoke(Map.of("limit", 0))));
    assertTrue(failure(tool.invoke(Map.of("created_before", "soon"))).contains("ISO 8601"));
    assertTrue(failure(tool.invoke(Map.of("id", 1))).startsWith("Unknown argument(s) [id]"));
  }

  @Test
  void definitionIsReadOnly() {
    var annotations = tool.definition().annotations();
    assertEquals(true, annotations.readOnlyHint());
    assertEquals(false, annotations.destructiveHint());
    assertEquals(false, annotations.openWorldHint());
  }
}
