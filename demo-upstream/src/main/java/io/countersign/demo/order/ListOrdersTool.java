package io.countersign.demo.order;

import io.countersign.demo.tool.Annotations;
import io.countersign.demo.tool.Arguments;
import io.countersign.demo.tool.DemoTool;
import io.countersign.demo.tool.Schemas;
import io.countersign.demo.tool.ToolOutcome;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;

/** {@code list_orders}: the newest orders matching a filter. Reads only. */
public class ListOrdersTool implements DemoTool {

  public static final String NAME = "list_orders";
  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 200;

  private static final McpSchema.Tool DEFINITION =
      McpSchema.Tool.builder(
              NAME,
              Schemas.parse(
                  """
                  {
                    "type": "object",
                    "properties": {
                      "status": {"type": "string", "description": "Only orders with this status.",
                        "enum": ["pending", "paid", "shipped", "delivered", "cancelled", "refunded"]},
                      "customer": {"type": "string", "minLength": 1, "maxLength": 100,
                        "description": "Only orders of this customer, e.g. \\"acme\\"."},
                      "created_before": {"type": "string", "minLength": 1, "maxLength": 64,
                        "description": "Only orders created before this ISO 8601 date or date-time (2026-03-01, 2026-03-01T12:00:00Z)."},
                      "created_after": {"type": "string", "minLength": 1, "maxLength": 64,
                        "description": "Only orders created after this ISO 8601 date or date-time."},
                      "limit": {"type": "integer", "minimum": 1, "maximum": 200, "default": 20,
                        "description": "At most this many orders (default 20)."}
                    },
                    "required": [],
                    "additionalProperties": false
                  }
                  """))
          .title("List orders")
          .description(
              "Lists the newest orders, optionally filtered by status, customer and creation time."
                  + " Read-only.")
          .outputSchema(
              Schemas.parse(
                  """
                  {
                    "type": "object",
                    "properties": {
                      "count": {"type": "integer", "description": "How many orders are listed."},
                      "orders": {"type": "array", "items": {
                        "type": "object",
                        "properties": {
                          "id": {"type": "integer"},
                          "customer": {"type": "string"},
                          "status": {"type": "string"},
                          "total": {"type": "number"},
                          "currency": {"type": "string"},
                          "created_at": {"type": "string", "description": "ISO 8601 instant (UTC)."}
                        },
                        "required": ["id", "customer", "status", "total", "currency", "created_at"]
                      }}
                    },
                    "required": ["count", "orders"]
                  }
                  """))
          .annotations(Annotations.of("List orders", true, false, true, false))
          .build();

  private final OrderRepository orders;

  public ListOrdersTool(OrderRepository orders) {
    this.orders = orders;
  }

  @Override
  public McpSchema.Tool definition() {
    return DEFINITION;
  }

  @Override
  public ToolOutcome call(Arguments arguments) {
    OrderFilter filter =
        new OrderFilter(
            arguments.optionalChoice("status", OrderStatus.ALL),
            arguments.optionalString("customer", 1, 100),
            arguments.optionalTimestamp("created_before"),
            arguments.optionalTimestamp("created_after"));
    int limit = arguments.optionalInteger("limit", 1, MAX_LIMIT).orElse(DEFAULT_LIMIT);
    List<Order> found = orders.find(filter, limit);
    return ToolOutcome.success(
        text(found),
        Map.of("count", found.size(), "orders", found.stream().map(Order::toJson).toList()));
  }

  private static String text(List<Order> found) {
    StringBuilder text = new StringBuilder(found.size() + " order(s)");
    for (Order order : found) {
      text.append("\n#")
          .append(order.id())
          .append(' ')
          .append(order.customer())
          .append(' ')
          .append(order.status())
          .append(' ')
          .append(order.total().toPlainString())
          .append(' ')
          .append(order.currency())
          .append(' ')
          .append(order.createdAt());
    }
    return text.toString();
  }
}
