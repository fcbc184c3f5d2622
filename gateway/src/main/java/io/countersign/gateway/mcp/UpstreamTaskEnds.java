package io.countersign.gateway.mcp;

import io.countersign.audit.AuditStoreException;
import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.gateway.pipeline.CallOutcome;
import io.countersign.gateway.pipeline.ToolCall;
import io.countersign.gateway.pipeline.ToolCallPipeline;
import io.countersign.gateway.tasks.AgentTasks;
import io.countersign.gateway.tasks.UpstreamTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The end of an upstream's task, of either upstream era, as the audit log records it. A task-
 * augmented call was decided and audited when asked; creating its task is not its outcome (the task
 * has only started). Its one outcome entry is written the first time the gateway sees the task in a
 * terminal status, on any node, in the transaction that marks the task ended ({@link
 * AgentTasks#endOnce}): a failed write undoes the mark, so the next look writes it again.
 */
@ApplicationScoped
public class UpstreamTaskEnds {

  private static final Logger LOG = Logger.getLogger(UpstreamTaskEnds.class.getName());

  /** "completed, failed, and cancelled are terminal" (both eras, "Task Status"). */
  static final Set<String> TERMINAL = Set.of("completed", "failed", "cancelled");

  @Inject AgentTasks tasks;
  @Inject ToolCallPipeline pipeline;

  private final Clock clock = Clock.systemUTC();

  /** How an ended task went, for its audit entry: the outcome and the upstream's answer. */
  record End(String outcome, Optional<JsonObject> answer) {

    /**
     * The end of a task in {@code status}, whose final answer is {@code response} (a JSON-RPC
     * response: its {@code result} or {@code error}; an empty object when there is none): {@code
     * completed} is the call's result, {@code succeeded} or {@code tool_error} (2026-07-28: "This
     * includes tool calls that returned results with isError: true"); {@code failed} a {@code
     * tool_error} when its result has {@code isError} (2025-11-25: failed "includes cases where the
     * tool call result has isError set to true"), else an {@code upstream_error}; {@code cancelled}
     * has no answer. Empty for a status that is not terminal.
     */
    static Optional<End> of(String status, JsonObject response) {
      Optional<JsonObject> result = objectAt(response, "result");
      Optional<JsonObject> error = objectAt(response, "error");
      return switch (status) {
        case "completed" ->
            Optional.of(
                error.isPresent()
                    ? new End("upstream_error", error)
                    : new End(
                        CallOutcome.of(
                            Jsonp.createObjectBuilder()
                                .add("result", result.orElse(JsonValue.EMPTY_JSON_OBJECT))
                                .build()),
                        result));
        case "failed" ->
            Optional.of(
                error.isEmpty() && "tool_error".equals(CallOutcome.of(response))
                    ? new End("tool_error", result)
                    : new End("upstream_error", error.or(() -> result)));
        case "cancelled" -> Optional.of(new End("cancelled", Optional.empty()));
        default -> Optional.empty();
      };
    }
  }

  /**
   * Whether an upstream's response to a call created a task (2025-11-25's {@code CreateTaskResult},
   * {@code result.task}, or the tasks extension's {@code resultType: "task"}): the call then goes
   * on as the task, and its outcome waits for the task's end.
   */
  static boolean created(JsonObject response) {
    return response != null
        && response.get("result") instanceof JsonObject result
        && (result.get("task") instanceof JsonObject
            || "task".equals(result.getString("resultType", "")));
  }

  /**
   * The gateway saw the task in {@code status}: if that is terminal and the end is not audited yet,
   * it is audited with the final answer {@code finalResponse} gives (asked only then; none, and the
   * next look tries again). A cancelled task has no answer to ask for.
   */
  void seen(TaskRequests.Route route, String status, Supplier<Optional<JsonObject>> finalResponse) {
    if (!TERMINAL.contains(status) || route.task().endAudited()) {
      return;
    }
    Optional<JsonObject> response =
        "cancelled".equals(status) ? Optional.of(JsonValue.EMPTY_JSON_OBJECT) : finalResponse.get();
    response.flatMap(r -> End.of(status, r)).ifPresent(end -> audit(route, end));
  }

  /** Audits the task's end, unless it was audited already. */
  void audit(TaskRequests.Route route, End end) {
    UpstreamTask task = route.task();
    var call =
        new ToolCall(
            task.callId(),
            route.owner(),
            route.upstream(),
            task.tool(),
            JsonValue.EMPTY_JSON_OBJECT,
            JsonValue.EMPTY_JSON_OBJECT,
            task.argumentsDigest(),
            task.createdAt());
    long millis = Duration.between(task.createdAt(), clock.instant()).toMillis();
    try {
      tasks.endOnce(
          task, () -> pipeline.recordOutcomeWithin(call, end.outcome(), millis, end.answer()));
    } catch (AuditStoreException | PersistenceException | TransactionalException e) {
      // the mark was undone with the failed entry: the next look at the ended task audits it again
      LOG.log(Level.SEVERE, "audit outcome of task call " + task.callId() + " not recorded", e);
    }
  }

  private static Optional<JsonObject> objectAt(JsonObject object, String member) {
    return object.get(member) instanceof JsonObject found ? Optional.of(found) : Optional.empty();
  }
}
