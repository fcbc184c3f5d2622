package io.countersign.gateway.mcp;

import io.countersign.gateway.jsonrpc.JsonRpcError;
import io.countersign.gateway.jsonrpc.JsonRpcMessage.Request;
import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.gateway.mcp.RelayedStream.Step;
import io.countersign.gateway.session.McpSession;
import io.countersign.gateway.session.SessionStore;
import io.countersign.gateway.tasks.AgentTask;
import io.countersign.gateway.tasks.AgentTasks;
import io.countersign.gateway.tasks.HeldCallTask;
import io.countersign.gateway.tasks.UpstreamTask;
import io.countersign.gateway.upstream.UpstreamConnector;
import io.countersign.gateway.upstream.UpstreamReply;
import io.countersign.tenant.TenantDirectory;
import io.countersign.tenant.UpstreamEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Optional;
import java.util.Set;

/**
 * {@code tasks/get}, {@code tasks/result} and {@code tasks/cancel} of MCP 2025-11-25 ("Tasks"): the
 * agent names a task by the gateway's id ({@link AgentTasks}); the request goes to the upstream
 * that owns the task, through the gateway session that created it, under the upstream's id, and
 * every {@code taskId} in what comes back is the gateway's again. A held call's task is the
 * gateway's own ({@link HeldCallTasks}). An id that is unknown, or another agent's, is invalid
 * params, as the specification asks for a nonexistent task.
 */
@ApplicationScoped
public class TaskRequests {

  static final Set<String> METHODS = Set.of("tasks/get", "tasks/result", "tasks/cancel");

  @Inject AgentTasks tasks;
  @Inject SessionStore sessions;
  @Inject TenantDirectory directory;
  @Inject UpstreamConnector connector;
  @Inject ServerRequests serverRequests;
  @Inject HeldCallTasks heldTasks;
  @Inject UpstreamTaskEnds ends;

  /** Where a request about a task goes: the task, the session that created it, its upstream. */
  record Route(UpstreamTask task, McpSession owner, UpstreamEndpoint upstream) {

    /** The request as the upstream must see it: under the upstream's own task id. */
    JsonObject message(Request request) {
      JsonObject params =
          Jsonp.createObjectBuilder(request.params()).add("taskId", task.upstreamTaskId()).build();
      return Jsonp.createObjectBuilder(request.json()).add("params", params).build();
    }
  }

  /** The agent's task named by a request's {@code taskId}; empty for any other id. */
  Optional<AgentTask> task(McpSession session, Request request) {
    return request.params().get("taskId") instanceof JsonString taskId
        ? tasks.find(session.agent(), taskId.getString())
        : Optional.empty();
  }

  /** Where a request about the agent's upstream task goes; empty when it can go nowhere. */
  Optional<Route> route(McpSession session, UpstreamTask task) {
    Optional<McpSession> owner = sessions.find(session.agent(), task.sessionId());
    Optional<UpstreamEndpoint> upstream =
        directory.upstreams(session.tenantId()).stream()
            .filter(u -> u.id().equals(task.upstreamId()))
            .findFirst();
    if (owner.isEmpty() || upstream.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Route(task, owner.get(), upstream.get()));
  }

  /**
   * The answer to a request naming no task of the agent's: invalid params, as for a nonexistent
   * one.
   */
  static JsonObject noTask(Request request) {
    String named =
        request.params().get("taskId") instanceof JsonString taskId
            ? "no task '" + taskId.getString() + "'"
            : "'taskId' must be a string naming a task";
    return JsonRpcError.invalidParams(named).toResponse(request.id());
  }

  FrontReply handle(McpSession session, Request request) {
    Optional<AgentTask> task = task(session, request);
    if (task.isPresent() && task.get() instanceof HeldCallTask held) {
      return heldTasks.handle(session, request, held);
    }
    Optional<Route> route = task.flatMap(t -> route(session, (UpstreamTask) t));
    if (route.isEmpty()) {
      return new FrontReply.Message(noTask(request));
    }
    if (connector.speaksModern(route.get().upstream())) {
      return error(
          request,
          JsonRpcError.invalidParams(
              "task '"
                  + route.get().task().id()
                  + "' is a task of a 2026-07-28 upstream: ask about it with a 2026-07-28 request"
                  + " that declares the tasks extension"));
    }
    UpstreamTask found = route.get().task();
    UpstreamEndpoint upstream = route.get().upstream();
    UpstreamReply reply =
        connector.send(route.get().owner(), upstream, route.get().message(request));
    if (reply instanceof UpstreamReply.Json json) {
      JsonObject response = named(json.message(), found);
      seen(route.get(), request.method(), response);
      return new FrontReply.Message(response);
    }
    if (reply instanceof UpstreamReply.Stream stream) {
      return new FrontReply.EventStream(
          new RelayedStream(
              stream.stream(),
              request.id(),
              upstream.readTimeout(),
              upstream.name(),
              data -> new Step.Pass(named(serverRequests.relay(session, upstream, data), found)),
              relayed -> {
                if (relayed.response() != null) {
                  seen(route.get(), request.method(), named(relayed.response(), found));
                }
              }));
    }
    String detail =
        reply instanceof UpstreamReply.Failed failed ? failed.failure().detail() : "no answer";
    return error(request, JsonRpcError.upstreamFailed(upstream.name(), detail));
  }

  /**
   * What the upstream's answer about the task says of its end, for the audit log ({@link
   * UpstreamTaskEnds}): {@code tasks/get} and {@code tasks/cancel} answer with the task ("the
   * receiver MUST respond with the Task"), whose final result, once it is completed or failed, is
   * its {@code tasks/result}; a {@code tasks/result} answer is that final result, of the status a
   * {@code tasks/get} tells.
   */
  private void seen(Route route, String method, JsonObject response) {
    if (route.task().endAudited()) {
      return;
    }
    if ("tasks/result".equals(method)) {
      if (response.containsKey("result") || response.containsKey("error")) {
        status(ask(route, "tasks/get"))
            .ifPresent(status -> ends.seen(route, status, () -> Optional.of(response)));
      }
      return;
    }
    status(Optional.of(response))
        .ifPresent(status -> ends.seen(route, status, () -> ask(route, "tasks/result")));
  }

  /** The status of the task a response carries ({@code tasks/get}, {@code tasks/cancel}). */
  static Optional<String> status(Optional<JsonObject> response) {
    return response
        .filter(
            r ->
                r.get("result") instanceof JsonObject result
                    && result.get("status") instanceof JsonString)
        .map(r -> r.getJsonObject("result").getString("status"));
  }

  /**
   * Sends the upstream a request of the gateway's own about the task, through the session that
   * created it; its response under the gateway's task id, or empty when none came.
   */
  Optional<JsonObject> ask(Route route, String method) {
    JsonValue id = Jsonp.createValue("cs-" + method + "-" + System.nanoTime());
    JsonObject message =
        Jsonp.createObjectBuilder()
            .add("jsonrpc", "2.0")
            .add("id", id)
            .add("method", method)
            .add("params", Jsonp.createObjectBuilder().add("taskId", route.task().upstreamTaskId()))
            .build();
    UpstreamReply reply = connector.send(route.owner(), route.upstream(), message);
    if (reply instanceof UpstreamReply.Stream stream) {
      reply = stream.stream().awaitResponse(id, route.upstream().readTimeout());
    }
    return reply instanceof UpstreamReply.Json json
        ? Optional.of(named(json.message(), route.task()))
        : Optional.empty();
  }

  /** SSE data with the task's upstream id replaced by the gateway's; other data unchanged. */
  static String named(String data, UpstreamTask task) {
    if (!data.contains(task.upstreamTaskId())) {
      return data;
    }
    try (var reader = Jsonp.createReader(new StringReader(data))) {
      JsonValue value = reader.readValue();
      return value instanceof JsonObject message ? named(message, task).toString() : data;
    } catch (JsonException e) {
      return data;
    }
  }

  /**
   * The message with every {@code taskId} member that names the task's upstream id (the task's own
   * fields, {@code result.task}, the related-task {@code _meta} of results, requests and
   * notifications) naming the gateway's id instead.
   */
  static JsonObject named(JsonObject message, UpstreamTask task) {
    return (JsonObject) rename(message, task);
  }

  private static JsonValue rename(JsonValue value, UpstreamTask task) {
    if (value instanceof JsonObject object) {
      JsonObjectBuilder renamed = Jsonp.createObjectBuilder();
      object.forEach(
          (name, member) ->
              renamed.add(
                  name,
                  "taskId".equals(name)
                          && member instanceof JsonString id
                          && id.getString().equals(task.upstreamTaskId())
                      ? Jsonp.createValue(task.id())
                      : rename(member, task)));
      return renamed.build();
    }
    if (value instanceof JsonArray array) {
      JsonArrayBuilder renamed = Jsonp.createArrayBuilder();
      array.forEach(item -> renamed.add(rename(item, task)));
      return renamed.build();
    }
    return value;
  }

  private static FrontReply error(Request request, JsonRpcError error) {
    return new FrontReply.Message(error.toResponse(request.id()));
  }
}
