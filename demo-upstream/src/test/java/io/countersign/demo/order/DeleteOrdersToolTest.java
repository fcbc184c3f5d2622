package io.countersign.demo.order;

import static io.countersign.demo.tool.ToolOutcomes.failure;
import static io.countersign.demo.tool.ToolOutcomes.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.demo.db.TestDatabase;
import io.countersign.demo.tool.ToolOutcome;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class DeleteOrdersToolTest {

  private final DataSource dataSource = TestDatabase.migratedH2();
  private final OrderRepository orders = new OrderRepository(dataSource);
  private final DeleteOrdersTool tool = new DeleteOrdersTool(orders);

  private long count(String where) {
    return TestDatabase.count(dataSource, "SELECT COUNT(*) FROM demo_order WHERE " + where);
  }

  @Test
  void invokeWhenStatusThenThoseRowsAreReallyGone() {
    long cancelled = count("status = 'cancelled'");
    assertTrue(cancelled > 0);

    ToolOutcome outcome = tool.invoke(Map.of("status", "cancelled"));

    assertEquals("deleted: " + cancelled, success(outcome).text());
    assertEquals(Map.of("deleted", (int) cancelled), success(outcome).structuredContent());
    assertEquals(0, count("status = 'cancelled'"));
    assertEquals(50 - cancelled, count("1 = 1"));
  }

  @Test
  void invokeWhenStatusAndCreatedBeforeThenBothMustMatch() {
    long expected =
        count(
            "status = 'delivered' AND created_at < TIMESTAMP WITH TIME ZONE '2026-03-01 00:00:00+00'");
    long laterDelivered = count("status = 'delivered'") - expected;

    ToolOutcome outcome =
        tool.invoke(Map.of("status", "delivered", "created_before", "2026-03-01"));

    assertEquals(Map.of("deleted", (int) expected), success(outcome).structuredContent());
    assertEquals(laterDelivered, count("status = 'delivered'"));
  }

  @Test
  void invokeWhenCalledTwiceThenSecondDeletesNothing() {
    tool.invoke(Map.of("created_before", "2026-02-01"));

    assertEquals(
        Map.of("deleted", 0),
        success(tool.invoke(Map.of("created_before", "2026-02-01"))).structuredContent());
  }

  @Test
  void invokeWhenNoFilterThenToolErrorAndNothingDeleted() {
    assertEquals(
        "delete_orders needs at least one filter: 'status' and/or 'created_before'",
        failure(tool.invoke(Map.of())));
    assertTrue(
        failure(tool.invoke(Map.of("customer", "acme")))
            .startsWith("Unknown argument(s) [customer]"));
    assertEquals(50, count("1 = 1"));
  }

  @Test
  void deleteWhenFilterIsEmptyThenRepositoryRefusesToo() {
    OrderFilter everything =
        new OrderFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    assertThrows(IllegalArgumentException.class, () -> orders.delete(everything));
  }

  @Test
  void definitionIsDestructiveAndIdempotent() {
    var annotations = tool.definition().annotations();
    assertEquals(false, annotations.readOnlyHint());
    assertEquals(true, annotations.destructiveHint());
    assertEquals(true, annotations.idempotentHint());
    assertEquals(1, tool.definition().inputSchema().get("minProperties"));
  }
}
