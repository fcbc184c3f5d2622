package io.countersign.gateway.mcp;

import io.countersign.gateway.jsonrpc.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The {@code notifications} filter of a 2026-07-28 {@code subscriptions/listen} request
 * ("Subscriptions", "Notification Filter"), with the {@code taskIds} the tasks extension adds
 * ("Task Status Notifications"). Construction checks the shape: every kind is one the specification
 * or the tasks extension defines, of its type, and the task ids are at most {@link #MAX_TASK_IDS}
 * strings. The gateway honours only {@code taskIds}: the other kinds are omitted from the
 * acknowledgment, as the specification asks for kinds a server does not support.
 */
public record SubscriptionFilter(List<String> taskIds, boolean asksForTasks) {

  /** How many task ids one subscription may name. */
  static final int MAX_TASK_IDS = 100;

  /** The kinds of the core filter and their JSON types; {@code taskIds} is the extension's. */
  private static final Map<String, JsonValue.ValueType> CORE_KINDS =
      Map.of(
          "toolsListChanged", JsonValue.ValueType.TRUE,
          "promptsListChanged", JsonValue.ValueType.TRUE,
          "resourcesListChanged", JsonValue.ValueType.TRUE,
          "resourceSubscriptions", JsonValue.ValueType.ARRAY);

  public SubscriptionFilter {
    taskIds = List.copyOf(new LinkedHashSet<>(taskIds));
    if (taskIds.size() > MAX_TASK_IDS) {
      throw new IllegalArgumentException(
          "'notifications.taskIds' names more than " + MAX_TASK_IDS + " tasks");
    }
  }

  /** The filter of a request's params; {@link IllegalArgumentException} says what is wrong. */
  public static SubscriptionFilter parse(JsonObject params) {
    if (!(params.get("notifications") instanceof JsonObject filter)) {
      throw new IllegalArgumentException(
          "'notifications' must be an object naming what to receive");
    }
    for (var kind : filter.entrySet()) {
      checkKind(kind.getKey(), kind.getValue());
    }
    if (!filter.containsKey("taskIds")) {
      return new SubscriptionFilter(List.of(), false);
    }
    if (!(filter.get("taskIds") instanceof JsonArray ids)) {
      throw new IllegalArgumentException("'notifications.taskIds' must be an array of task ids");
    }
    List<String> taskIds = new java.util.ArrayList<>();
    for (JsonValue id : ids) {
      if (!(id instanceof JsonString text)) {
        throw new IllegalArgumentException("'notifications.taskIds' must hold strings only");
      }
      taskIds.add(text.getString());
    }
    return new SubscriptionFilter(taskIds, true);
  }

  private static void checkKind(String kind, JsonValue value) {
    if ("taskIds".equals(kind)) {
      return;
    }
    JsonValue.ValueType type = CORE_KINDS.get(kind);
    if (type == null) {
      throw new IllegalArgumentException(
          "unknown subscription kind '"
              + kind
              + "' in 'notifications' (known: toolsListChanged, promptsListChanged,"
              + " resourcesListChanged, resourceSubscriptions, taskIds)");
    }
    boolean fits =
        type == JsonValue.ValueType.TRUE
            ? value == JsonValue.TRUE || value == JsonValue.FALSE
            : value instanceof JsonArray array
                && array.stream().allMatch(JsonString.class::isInstance);
    if (!fits) {
      throw new IllegalArgumentException(
          "'notifications."
              + kind
              + "' must be "
              + (type == JsonValue.ValueType.TRUE ? "a boolean" : "an array of strings"));
    }
  }

  /**
   * The acknowledged filter ("the subset the server agreed to honor"): the task ids the gateway
   * follows, when tasks were asked for; no other kind.
   */
  static JsonObject acknowledged(boolean asksForTasks, List<String> followed) {
    var notifications = Jsonp.createObjectBuilder();
    if (asksForTasks) {
      notifications.add("taskIds", Jsonp.createArrayBuilder(followed));
    }
    return notifications.build();
  }
}
