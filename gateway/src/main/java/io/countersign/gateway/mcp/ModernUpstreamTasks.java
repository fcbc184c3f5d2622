package io.countersign.gateway.mcp;

import io.countersign.gateway.jsonrpc.JsonRpcError;
import io.countersign.gateway.jsonrpc.JsonRpcMessage.Request;
import io.countersign.gateway.jsonrpc.JsonRpcResults;
import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.gateway.pipeline.ToolCall;
import io.countersign.gateway.tasks.AgentTasks;
import io.countersign.gateway.upstream.UpstreamConnector;
import io.countersign.gateway.upstream.UpstreamReply;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.Optional;

/**
 * The tasks of upstreams of MCP 2026-07-28 ({@code io.modelcontextprotocol/tasks}) for 2026-07-28
 * clients that declared the extension. The upstream decides per call whether to answer with a task
 * ("The server is the sole decider"); the task it creates is recorded and named by the gateway's
 * agent-bound id ({@link AgentTasks}), and {@code tasks/get}, {@code tasks/update} and {@code
 * tasks/cancel} go to that upstream under its own id, with the extension declared. What comes back
 * passes as the upstream wrote it ({@code inputRequests}, {@code result}, {@code error}, {@code
 * ttlMs}, {@code pollIntervalMs}), its task named by the gateway's id. The call was decided and
 * audited when asked; its outcome is audited once, when a {@code tasks/get} first finds the task
 * ended ({@link UpstreamTaskEnds}); after a {@code tasks/cancel} the gateway asks for the task
 * itself.
 */
@ApplicationScoped
public class ModernUpstreamTasks {

  @Inject AgentTasks tasks;
  @Inject UpstreamConnector connector;
  @Inject UpstreamTaskEnds ends;
  @Inject TaskStatusNotifier notifier;

  /**
   * Why a session client's task-augmented call of a 2026-07-28 upstream's tool is not run: such a
   * tool has no 2025 {@code execution.taskSupport} ("If execution.taskSupport is not present [...]
   * clients MUST NOT attempt to invoke the tool as a task. Servers SHOULD return a -32601"), since
   * whether it makes a task is its upstream's choice per request, which a 2025 task cannot follow.
   */
  static String notForSessions(String upstream) {
    return "the tool does not run as a task: its upstream '"
        + upstream
        + "' speaks MCP 2026-07-28, whose tasks reach 2026-07-28 clients of the tasks extension only;"
        + " call it without 'task'";
  }

  /**
   * Whether a response is the extension's {@code CreateTaskResult} ({@code resultType: "task"}).
   */
  static boolean created(JsonObject response) {
    return response != null
        && response.get("result") instanceof JsonObject result
        && "task".equals(result.getString("resultType", ""));
  }

  /**
   * The upstream's response to a call, as the client gets it: a created task recorded and named by
   * the gateway's id; a task without an id ends the call with a tool error; anything else as it is.
   */
  JsonObject adopt(ToolCall call, JsonObject response) {
    if (!created(response)) {
      return response;
    }
    JsonObject result = response.getJsonObject("result");
    if (!(result.get("taskId") instanceof JsonString upstreamTaskId)
        || upstreamTaskId.getString().isEmpty()) {
      return JsonRpcResults.toolError(
          response.get("id"),
          "Upstream '" + call.upstream().name() + "' answered with a task that has no taskId.");
    }
    String id = tasks.open(call, upstreamTaskId.getString());
    return Jsonp.createObjectBuilder(response)
        .add("result", Jsonp.createObjectBuilder(result).add("taskId", id))
        .build();
  }

  /**
   * {@code tasks/get}, {@code tasks/update} or {@code tasks/cancel} of the agent's task, at the
   * upstream that owns it. A {@code tasks/get} that finds the task ended audits its outcome, once.
   */
  JsonObject handle(TaskRequests.Route route, Request request) {
    UpstreamReply reply = connector.send(route.owner(), route.upstream(), route.message(request));
    if (reply instanceof UpstreamReply.Stream stream) {
      reply = stream.stream().awaitResponse(request.id(), route.upstream().readTimeout());
    }
    if (!(reply instanceof UpstreamReply.Json json)) {
      String detail =
          reply instanceof UpstreamReply.Failed failed
              ? failed.failure().detail()
              : "no answer about the task";
      return JsonRpcError.upstreamFailed(route.upstream().name(), detail).toResponse(request.id());
    }
    JsonObject response =
        Jsonp.createObjectBuilder(TaskRequests.named(json.message(), route.task()))
            .add("id", request.id())
            .build();
    if ("tasks/get".equals(request.method())) {
      observed(route, response);
    } else if ("tasks/cancel".equals(request.method())
        && response.get("result") instanceof JsonObject) {
      askAfterCancel(route, request);
    }
    return response;
  }

  /** A task as a {@code tasks/get} found it: its end audited, once; its followers told. */
  private void observed(TaskRequests.Route route, JsonObject response) {
    if (response.get("result") instanceof JsonObject task && task.containsKey("status")) {
      ended(response).ifPresent(end -> ends.audit(route, end));
      notifier.publish(route.task().id(), task);
    }
  }

  /**
   * The extension's {@code tasks/cancel} is an acknowledgement: the task's end is learned by asking
   * for it. The gateway asks once, right after the acknowledgement, so that a cancelled task nobody
   * polls again still has its outcome audited; a task that is still winding down then has it
   * audited by the next {@code tasks/get}. What this costs the client is one more exchange with the
   * upstream before its cancel is answered.
   */
  private void askAfterCancel(TaskRequests.Route route, Request cancel) {
    var params = Jsonp.createObjectBuilder().add("taskId", route.task().upstreamTaskId());
    if (cancel.params().get("_meta") instanceof JsonObject meta) {
      params.add("_meta", meta);
    }
    JsonObject get =
        Jsonp.createObjectBuilder(cancel.json())
            .add("method", "tasks/get")
            .add("params", params)
            .build();
    UpstreamReply reply = connector.send(route.owner(), route.upstream(), get);
    if (reply instanceof UpstreamReply.Stream stream) {
      reply = stream.stream().awaitResponse(cancel.id(), route.upstream().readTimeout());
    }
    if (reply instanceof UpstreamReply.Json json) {
      observed(route, TaskRequests.named(json.message(), route.task()));
    }
  }

  /**
   * A {@code tasks/get} result's end, if the task has ended: the extension's task carries its
   * {@code result} or {@code error} itself.
   */
  static Optional<UpstreamTaskEnds.End> ended(JsonObject response) {
    if (!(response.get("result") instanceof JsonObject task)) {
      return Optional.empty();
    }
    var answer = Jsonp.createObjectBuilder();
    objectAt(task, "result").ifPresent(result -> answer.add("result", result));
    objectAt(task, "error").ifPresent(error -> answer.add("error", error));
    return UpstreamTaskEnds.End.of(task.getString("status", ""), answer.build());
  }

  private static Optional<JsonObject> objectAt(JsonObject object, String member) {
    return object.get(member) instanceof JsonObject found ? Optional.of(found) : Optional.empty();
  }
}
