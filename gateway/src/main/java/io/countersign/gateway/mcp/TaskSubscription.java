package io.countersign.gateway.mcp;

import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.gateway.upstream.UpstreamStream;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One {@code subscriptions/listen} stream of a 2026-07-28 client, for task status notifications
 * ("Subscriptions"; tasks extension, "Task Status Notifications"). It carries the acknowledgment
 * first, then one {@code notifications/tasks} per change of a followed task (the complete task, as
 * {@code tasks/get} would answer it; the same state twice is sent once), every message naming the
 * subscription in {@code _meta}. It ends gracefully, with the {@code subscriptions/listen}
 * response, when every followed task has ended or when its time is up.
 */
final class TaskSubscription {

  static final String SUBSCRIPTION_ID = "io.modelcontextprotocol/subscriptionId";
  static final Set<String> TERMINAL = Set.of("completed", "failed", "cancelled");

  private final JsonValue id;
  private final Instant endsAt;
  private final UpstreamStream stream = UpstreamStream.local();
  private final Set<String> open;
  private final Map<String, String> lastSent = new HashMap<>();
  private boolean ended;

  /** A subscription opened by request {@code id} for these tasks of its agent's. */
  TaskSubscription(JsonValue id, List<String> taskIds, Instant endsAt) {
    this.id = id;
    this.open = new LinkedHashSet<>(taskIds);
    this.endsAt = endsAt;
  }

  JsonValue id() {
    return id;
  }

  UpstreamStream stream() {
    return stream;
  }

  /** The tasks not seen ended yet. */
  synchronized Set<String> open() {
    return Set.copyOf(open);
  }

  /** The first message: what the gateway agreed to send. */
  synchronized void acknowledge(JsonObject notifications) {
    stream.push(
        Jsonp.createObjectBuilder()
            .add("jsonrpc", "2.0")
            .add("method", "notifications/subscriptions/acknowledged")
            .add(
                "params",
                Jsonp.createObjectBuilder()
                    .add("_meta", meta())
                    .add("notifications", notifications))
            .build()
            .toString());
    if (open.isEmpty()) {
      end();
    }
  }

  /**
   * Sends the task's state if the subscription follows it and it changed; a task seen ended is
   * followed no more, and the subscription ends after its last task.
   */
  synchronized void notify(String taskId, JsonObject task) {
    if (ended || !open.contains(taskId)) {
      return;
    }
    JsonObject params = params(task);
    if (params.toString().equals(lastSent.put(taskId, params.toString()))) {
      return;
    }
    stream.push(
        Jsonp.createObjectBuilder()
            .add("jsonrpc", "2.0")
            .add("method", "notifications/tasks")
            .add("params", params)
            .build()
            .toString());
    if (TERMINAL.contains(task.getString("status", ""))) {
      open.remove(taskId);
      if (open.isEmpty()) {
        end();
      }
    }
  }

  /** Ends the subscription if its time is up; whether it has ended. */
  synchronized boolean endIfDue(Instant now) {
    if (!ended && !now.isBefore(endsAt)) {
      end();
    }
    return ended;
  }

  /**
   * "When the server ends a subscription on its own initiative [...] it SHOULD respond to the
   * original subscriptions/listen request with a completion result before closing the stream."
   */
  synchronized void end() {
    if (ended) {
      return;
    }
    ended = true;
    stream.push(
        Jsonp.createObjectBuilder()
            .add("jsonrpc", "2.0")
            .add("id", id)
            .add(
                "result",
                Jsonp.createObjectBuilder().add("resultType", "complete").add("_meta", meta()))
            .build()
            .toString());
  }

  synchronized boolean ended() {
    return ended;
  }

  /** The task's fields as the notification's params: no {@code resultType}, the subscription. */
  private JsonObject params(JsonObject task) {
    JsonObject existing =
        task.get("_meta") instanceof JsonObject meta ? meta : JsonValue.EMPTY_JSON_OBJECT;
    return Jsonp.createObjectBuilder(task)
        .remove("resultType")
        .add("_meta", Jsonp.createObjectBuilder(existing).add(SUBSCRIPTION_ID, id))
        .build();
  }

  private JsonObject meta() {
    return Jsonp.createObjectBuilder().add(SUBSCRIPTION_ID, id).build();
  }
}
