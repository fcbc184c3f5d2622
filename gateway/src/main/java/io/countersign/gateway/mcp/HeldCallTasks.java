package io.countersign.gateway.mcp;

import io.countersign.gateway.hold.HeldCallOutcomes;
import io.countersign.gateway.hold.HeldCallOutcomes.Followed;
import io.countersign.gateway.hold.HeldCallState;
import io.countersign.gateway.hold.HeldCalls;
import io.countersign.gateway.jsonrpc.JsonRpcError;
import io.countersign.gateway.jsonrpc.JsonRpcMessage.Request;
import io.countersign.gateway.jsonrpc.JsonRpcResults;
import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.gateway.pipeline.ToolCall;
import io.countersign.gateway.session.McpSession;
import io.countersign.gateway.tasks.AgentTasks;
import io.countersign.gateway.tasks.HeldCallTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Held calls as tasks. An agent that asks for a held call as a task (a 2025-11-25 task-augmented
 * {@code tools/call}, or a 2026-07-28 client that declared the tasks extension: there the server
 * decides, and a call that waits for people is the textbook case) gets the task at once instead of
 * a stream that waits. The gateway runs that task itself: its status is "working" with the votes as
 * its status message until the approvers decide, and it ends with the call's outcome, the
 * upstream's answer once approved and forwarded. {@code tasks/cancel} cancels the call and
 * withdraws its approval request. Everything is read from the held call's row, so a task survives
 * restarts and is answered by any node.
 */
@ApplicationScoped
public class HeldCallTasks {

  /** How often an agent is asked to poll a held call's task, in milliseconds. */
  static final long POLL_INTERVAL_MS = 2_000;

  /** Where the result of {@code tasks/result} names its task (2025-11-25, "Tasks"). */
  static final String RELATED_TASK = "io.modelcontextprotocol/related-task";

  /** How long {@code tasks/result} waits when the call's expiry is not known yet. */
  private static final Duration RESULT_WAIT = Duration.ofHours(1);

  @Inject AgentTasks tasks;
  @Inject HeldCallOutcomes outcomes;
  @Inject HeldCalls heldCalls;
  @Inject TaskStatusNotifier notifier;

  /**
   * Whether the agent asked for this held call as a task: a 2025-11-25 request with {@code task},
   * or a 2026-07-28 client that declared the tasks extension.
   */
  static boolean asked(McpSession session, Request request) {
    return session.modern()
        ? ModernTasks.declared(request)
        : request.params().get("task") instanceof JsonObject;
  }

  /** The answer to a held call asked for as a task: a new task that follows the call. */
  JsonObject created(ToolCall call, String heldCallId, Request request) {
    boolean modern = call.session().modern();
    HeldCallTask task = tasks.hold(call, heldCallId);
    Followed followed = outcomes.find(call.tenantId(), heldCallId).orElseThrow();
    JsonObjectBuilder fields = fields(task, followed, modern);
    JsonObject result =
        modern
            ? fields.add("resultType", "task").build()
            : Jsonp.createObjectBuilder().add("task", fields).build();
    return JsonRpcResults.result(request.id(), result);
  }

  /** {@code tasks/get}, {@code tasks/result} or {@code tasks/cancel} of a 2025-11-25 session. */
  FrontReply handle(McpSession session, Request request, HeldCallTask task) {
    Optional<Followed> found = outcomes.find(session.tenantId(), task.heldCallId());
    if (found.isEmpty()) {
      return new FrontReply.Message(TaskRequests.noTask(request));
    }
    Followed followed = found.get();
    return switch (request.method()) {
      case "tasks/result" -> result(session, request, task, followed);
      case "tasks/cancel" -> new FrontReply.Message(cancel(session, request, task, followed));
      default ->
          new FrontReply.Message(
              JsonRpcResults.result(request.id(), fields(task, followed, false).build()));
    };
  }

  /**
   * {@code tasks/get}, {@code tasks/update} or {@code tasks/cancel} of the 2026-07-28 extension: a
   * task that has ended carries the call's result (or error) in {@code tasks/get}.
   */
  JsonObject handleModern(McpSession session, Request request, HeldCallTask task) {
    Optional<Followed> found = outcomes.find(session.tenantId(), task.heldCallId());
    if (found.isEmpty()) {
      return TaskRequests.noTask(request);
    }
    Followed followed = found.get();
    if ("tasks/cancel".equals(request.method()) && followed.outcome().isEmpty()) {
      // cooperative in this era: acknowledged even when the forward has already begun
      heldCalls.taskCancelled(session.tenantId(), task.heldCallId());
    }
    if (!"tasks/get".equals(request.method())) {
      return JsonRpcResults.result(
          request.id(), Jsonp.createObjectBuilder().add("resultType", "complete").build());
    }
    JsonObject detailed = detailed(task, followed);
    notifier.publish(task.id(), detailed);
    if (followed.outcome().isPresent()) {
      outcomes.delivered(task.heldCallId());
    }
    return JsonRpcResults.result(
        request.id(), Jsonp.createObjectBuilder(detailed).add("resultType", "complete").build());
  }

  /**
   * The task as the tasks extension shows it ({@code DetailedTask}, for {@code tasks/get} and
   * {@code notifications/tasks}): its fields and, once ended, the call's result or error.
   */
  static JsonObject detailed(HeldCallTask task, Followed followed) {
    JsonObjectBuilder answer = fields(task, followed, true);
    followed
        .outcome()
        .ifPresent(
            outcome -> {
              JsonObject ended = outcome.answer();
              if (ended.get("error") instanceof JsonObject error) {
                answer.add("error", error);
              } else if (followed.held().state() != HeldCallState.CANCELLED) {
                answer.add(
                    "result",
                    Jsonp.createObjectBuilder(ended.getJsonObject("result"))
                        .add("resultType", "complete"));
              }
            });
    return answer.build();
  }

  /**
   * 2025-11-25 {@code tasks/result}: the call's response once it is over (naming the task), else a
   * stream that waits for it, as the specification asks ("MUST block").
   */
  private FrontReply result(
      McpSession session, Request request, HeldCallTask task, Followed followed) {
    if (followed.outcome().isPresent()) {
      outcomes.delivered(task.heldCallId());
      return new FrontReply.Message(
          relatedTo(followed.outcome().get().toResponse(request.id()), task.id()));
    }
    Instant now = Instant.now();
    Duration wait =
        followed
            .held()
            .expiresAt()
            .map(expiry -> Duration.between(now, expiry).plusMinutes(2))
            .orElse(RESULT_WAIT);
    return new FrontReply.Held(
        session.tenantId(),
        task.heldCallId(),
        request.id(),
        Optional.empty(),
        false,
        Optional.of(task.id()),
        Optional.of(wait));
  }

  /**
   * 2025-11-25 {@code tasks/cancel}: the call is cancelled unless it is over (-32602, as the
   * specification asks for a task in a terminal status) or its forward has begun (the task then
   * goes on working).
   */
  private JsonObject cancel(
      McpSession session, Request request, HeldCallTask task, Followed followed) {
    if (followed.outcome().isPresent()) {
      return terminal(request, status(followed, false));
    }
    heldCalls.taskCancelled(session.tenantId(), task.heldCallId());
    Followed now = outcomes.find(session.tenantId(), task.heldCallId()).orElse(followed);
    String status = status(now, false);
    if (now.outcome().isPresent() && !"cancelled".equals(status)) {
      // the call ended another way meanwhile
      return terminal(request, status);
    }
    return JsonRpcResults.result(request.id(), fields(task, now, false).build());
  }

  private static JsonObject terminal(Request request, String status) {
    return JsonRpcError.invalidParams(
            "Cannot cancel task: already in terminal status '" + status + "'")
        .toResponse(request.id());
  }

  /**
   * The task's fields in the era's names (2025-11-25: {@code ttl}, {@code pollInterval};
   * 2026-07-28: {@code ttlMs}, {@code pollIntervalMs}). The task is kept as long as its held call:
   * no time to live.
   */
  static JsonObjectBuilder fields(HeldCallTask task, Followed followed, boolean modern) {
    String status = status(followed, modern);
    Instant decided = followed.held().decidedAt().orElse(task.createdAt());
    Instant updated = decided.isBefore(task.createdAt()) ? task.createdAt() : decided;
    JsonObjectBuilder fields =
        Jsonp.createObjectBuilder()
            .add("taskId", task.id())
            .add("status", status)
            .add("createdAt", task.createdAt().toString())
            .add("lastUpdatedAt", updated.toString())
            .add(modern ? "ttlMs" : "ttl", JsonValue.NULL)
            .add(modern ? "pollIntervalMs" : "pollInterval", POLL_INTERVAL_MS);
    statusMessage(followed, status).ifPresent(message -> fields.add("statusMessage", message));
    return fields;
  }

  /**
   * The task's status: working until the call is over; then cancelled, failed (a JSON-RPC error,
   * and in 2025-11-25 also a tool error result, as "Tasks" asks for tool calls) or completed.
   */
  static String status(Followed followed, boolean modern) {
    if (followed.outcome().isEmpty()) {
      return "working";
    }
    if (followed.held().state() == HeldCallState.CANCELLED) {
      return "cancelled";
    }
    JsonObject answer = followed.outcome().get().answer();
    boolean toolError =
        answer.get("result") instanceof JsonObject result
            && result.get("isError") == JsonValue.TRUE;
    return answer.containsKey("error") || (toolError && !modern) ? "failed" : "completed";
  }

  /** The votes while it works; why, when it ended otherwise than completed. */
  private static Optional<String> statusMessage(Followed followed, String status) {
    if ("working".equals(status)) {
      return Optional.of(followed.progressText());
    }
    if ("completed".equals(status)) {
      return Optional.empty();
    }
    JsonObject answer = followed.outcome().orElseThrow().answer();
    if (answer.get("error") instanceof JsonObject error) {
      return Optional.of(error.getString("message", "failed"));
    }
    return answer.getJsonObject("result").get("content") instanceof JsonArray content
            && !content.isEmpty()
            && content.get(0) instanceof JsonObject first
        ? Optional.of(first.getString("text", status))
        : Optional.of(status);
  }

  /** The response with its result naming the task it belongs to, as {@code tasks/result} must. */
  public static JsonObject relatedTo(JsonObject response, String taskId) {
    if (!(response.get("result") instanceof JsonObject result)) {
      return response;
    }
    JsonObject meta =
        result.get("_meta") instanceof JsonObject existing ? existing : JsonValue.EMPTY_JSON_OBJECT;
    var named =
        Jsonp.createObjectBuilder(meta)
            .add(RELATED_TASK, Jsonp.createObjectBuilder().add("taskId", taskId));
    return Jsonp.createObjectBuilder(response)
        .add("result", Jsonp.createObjectBuilder(result).add("_meta", named))
        .build();
  }
}
