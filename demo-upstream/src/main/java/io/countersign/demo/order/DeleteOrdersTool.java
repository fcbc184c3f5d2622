package io.countersign.demo.order;

import io.countersign.demo.tool.Annotations;
import io.countersign.demo.tool.Arguments;
import io.countersign.demo.tool.DemoTool;
import io.countersign.demo.tool.InvalidArgumentException;
import io.countersign.demo.tool.Schemas;
import io.countersign.demo.tool.ToolOutcome;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * {@code delete_orders}: deletes every order with a status and/or created before a time. The rows
 * are really gone; at least one filter is required so one call cannot empty the table.
 */
public class DeleteOrdersTool implements DemoTool {

  public static final String NAME = "delete_orders";

  private static final Logger LOG = Logger.getLogger(DeleteOrdersTool.class.getName());

  private static final McpSchema.Tool DEFINITION =
      McpSchema.Tool.builder(
              NAME,
              Schemas.parse(
                  """
                  {
                    "type": "object",
                    "properties": {
                      "status": {"type": "string", "description": "Delete orders with this status.",
                        "enum": ["pending", "paid", "shipped", "delivered", "cancelled", "refunded"]},
                      "created_before": {"type": "string", "minLength": 1, "maxLength": 64,
                        "description": "Delete orders created before this ISO 8601 date or date-time (2026-03-01, 2026-03-01T12:00:00Z)."}
                    },
                    "required": [],
                    "minProperties": 1,
                    "additionalProperties": false
                  }
                  """))
          .title("Delete orders")
          .description(
              "Permanently deletes every order matching the filter (status and/or created_before;"
                  + " at least one is required) and returns how many rows it deleted.")
          .outputSchema(
              Schemas.parse(
                  """
                  {
                    "type": "object",
                    "properties": {
                      "deleted": {"type": "integer", "minimum": 0, "description": "Rows deleted."}
                    },
                    "required": ["deleted"]
                  }
                  """))
          .annotations(Annotations.of("Delete orders", false, true, true, false))
          .build();

  private final OrderRepository orders;

  public DeleteOrdersTool(OrderRepository orders) {
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
            Optional.empty(),
            arguments.optionalTimestamp("created_before"),
            Optional.empty());
    if (filter.isEmpty()) {
      throw new InvalidArgumentException(
          "delete_orders needs at least one filter: 'status' and/or 'created_before'");
    }
    int deleted = orders.delete(filter);
    LOG.info(
        () ->
            "delete_orders deleted "
                + deleted
                + " order(s) (status="
                + filter.status().orElse("*")
                + ", created_before="
                + filter.createdBefore().map(Object::toString).orElse("*")
                + ")");
    return ToolOutcome.success("deleted: " + deleted, Map.of("deleted", deleted));
  }
}
