package io.countersign.gateway.mcp;

import io.countersign.gateway.jsonrpc.JsonRpcError;
import io.countersign.gateway.jsonrpc.JsonRpcMessage.Request;
import io.countersign.gateway.jsonrpc.JsonRpcResults;
import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.gateway.session.McpSession;
import io.countersign.gateway.tasks.AgentTask;
import io.countersign.gateway.tasks.HeldCallTask;
import io.countersign.gateway.tasks.UpstreamTask;
import io.countersign.gateway.upstream.TasksExtension;
import io.countersign.gateway.upstream.UpstreamConnector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Optional;
import java.util.Set;

/**
 * The tasks extension of MCP 2026-07-28 ({@code io.modelcontextprotocol/tasks}) in front of
 * upstreams of 2025-11-25 (the tasks of 2026-07-28 upstreams are {@link ModernUpstreamTasks}). A
 * client that declares the extension on a {@code tools/call} of a tool the upstream runs as a task
 * ({@code execution.taskSupport}) gets {@code resultType: "task"}; the gateway asks the upstream
 * for a 2025 task, names it by its own agent-bound id ({@link TaskRequests}) and answers {@code
 * tasks/get} from the upstream's {@code tasks/get} and, once the task has ended, its {@code
 * tasks/result}, and audits the call's outcome the first time it finds the task ended ({@link
 * UpstreamTaskEnds}). {@code tasks/cancel} reaches the upstream; an {@code input_required} task
 * shows the requests of its {@code tasks/result} stream as {@code inputRequests}, which {@code
 * tasks/update} answers ({@link UpstreamTaskInputs}). Every state shown is published to the task's
 * listeners ({@link TaskStatusNotifier}). A held call's task is the gateway's own ({@link
 * HeldCallTasks}).
 */
@ApplicationScoped
public class ModernTasks {

  static final String EXTENSION = TasksExtension.ID;
  static final Set<String> METHODS = Set.of("tasks/get", "tasks/update", "tasks/cancel");

  /** -32021, "Missing Required Client Capability" (2026-07-28, "Error Codes"). */
  static final int MISSING_CAPABILITY = -32021;

  /** How long the gateway asks an upstream to keep a task, in milliseconds. */
  static final long ASKED_TTL_MS = 3_600_000L;

  @Inject TaskRequests routes;
  @Inject HeldCallTasks heldTasks;
  @Inject UpstreamConnector connector;
  @Inject ModernUpstreamTasks modernUpstreams;
  @Inject UpstreamTaskEnds ends;
  @Inject UpstreamTaskInputs inputs;
  @Inject TaskStatusNotifier notifier;

  /** Whether the request's client declared the tasks extension. */
  static boolean declared(Request request) {
    return ModernEnvelope.clientCapabilities(request).map(TasksExtension::declaredIn).orElse(false);
  }

  /** The tool's {@code execution.taskSupport} as its upstream listed it ("forbidden" if none). */
  static String taskSupport(JsonObject tool) {
    return tool.get("execution") instanceof JsonObject execution
            && execution.get("taskSupport") instanceof JsonString support
        ? support.getString()
        : "forbidden";
  }

  /** Whether a 2026-07-28 call goes to its upstream as a 2025 task. */
  static boolean asTask(Request request, JsonObject tool) {
    return declared(request) && !"forbidden".equals(taskSupport(tool));
  }

  /** A call of a tool that runs only as a task, from a client that did not declare tasks. */
  static boolean needsTheExtension(Request request, JsonObject tool) {
    return "required".equals(taskSupport(tool)) && !declared(request);
  }

  static JsonObject missingCapability(Request request) {
    return missingCapability(request, "the tool runs only as a task");
  }

  /** -32021 naming the extension, saying {@code why} it is needed. */
  static JsonObject missingCapability(Request request, String why) {
    var extension = Jsonp.createObjectBuilder().add(EXTENSION, JsonValue.EMPTY_JSON_OBJECT);
    return new JsonRpcError(
            MISSING_CAPABILITY,
            "Missing required client capability: "
                + why
                + "; declare the extension '"
                + EXTENSION
                + "'")
        .toResponse(
            request.id(),
            Jsonp.createObjectBuilder()
                .add(
                    "requiredCapabilities",
                    Jsonp.createObjectBuilder().add("extensions", extension))
                .build());
  }

  /**
   * The upstream's 2025 {@code CreateTaskResult} (already under the gateway's id) as 2026-07-28's
   * task result; any other response unchanged.
   */
  static JsonObject created(JsonObject response) {
    if (!(response.get("result") instanceof JsonObject result)
        || !(result.get("task") instanceof JsonObject task)) {
      return response;
    }
    return Jsonp.createObjectBuilder(response)
        .add("result", fields(task).add("resultType", "task"))
        .build();
  }

  /** {@code tasks/get}, {@code tasks/update} and {@code tasks/cancel} of a 2026-07-28 client. */
  JsonObject handle(McpSession session, Request request) {
    if (!declared(request)) {
      return missingCapability(request);
    }
    Optional<AgentTask> task = routes.task(session, request);
    if (task.isPresent() && task.get() instanceof HeldCallTask held) {
      return heldTasks.handleModern(session, request, held);
    }
    var route = task.flatMap(t -> routes.route(session, (UpstreamTask) t));
    if (route.isEmpty()) {
      return TaskRequests.noTask(request);
    }
    if (connector.speaksModern(route.get().upstream())) {
      return modernUpstreams.handle(route.get(), request);
    }
    return switch (request.method()) {
      case "tasks/get" -> get(route.get(), request);
      case "tasks/cancel" -> {
        Optional<JsonObject> answer = routes.ask(route.get(), "tasks/cancel");
        // the upstream answers with the task, cancelled: "MUST transition the task to cancelled"
        TaskRequests.status(answer)
            .ifPresent(status -> ends.seen(route.get(), status, Optional::empty));
        var refused = answer.flatMap(ModernTasks::errorOf);
        yield refused.isPresent() ? error(request, refused.get()) : acknowledged(request);
      }
      default -> inputs.update(route.get(), request).orElseGet(() -> acknowledged(request));
    };
  }

  /**
   * Looks at the agent's upstream task for a listener ({@link SubscriptionsListen}): its state is
   * published, and a 2025-11-25 task that has not ended is watched, so its input requests and its
   * end are learned as they happen.
   */
  void observe(McpSession session, Request listen, UpstreamTask task) {
    var route = routes.route(session, task);
    if (route.isEmpty()) {
      return;
    }
    JsonObject probe =
        Jsonp.createObjectBuilder()
            .add("jsonrpc", "2.0")
            .add("id", "cs-observe-" + System.nanoTime())
            .add("method", "tasks/get")
            .add("params", Jsonp.createObjectBuilder(listen.params()).add("taskId", task.id()))
            .build();
    Request get = new Request(probe, probe.get("id"), "tasks/get", probe.getJsonObject("params"));
    if (connector.speaksModern(route.get().upstream())) {
      modernUpstreams.handle(route.get(), get);
      return;
    }
    JsonObject answer = get(route.get(), get);
    boolean ended =
        answer.get("result") instanceof JsonObject result
            && UpstreamTaskEnds.TERMINAL.contains(result.getString("status", ""));
    if (!ended) {
      inputs.watch(route.get(), get, () -> get(route.get(), get));
    }
  }

  private JsonObject get(TaskRequests.Route route, Request request) {
    Optional<JsonObject> upstream = routes.ask(route, "tasks/get");
    if (upstream.isEmpty() || errorOf(upstream.get()).isPresent()) {
      return upstream
          .flatMap(ModernTasks::errorOf)
          .map(e -> error(request, e))
          .orElseGet(() -> unreachable(request, route));
    }
    JsonObject task = TaskRequests.named(upstream.get().getJsonObject("result"), route.task());
    JsonObjectBuilder answer = fields(task);
    String status = task.getString("status", "working");
    if ("input_required".equals(status)) {
      // the upstream asks on its tasks/result stream; the client gets the requests here
      Optional<JsonObject> requests =
          inputs.inputRequests(route, request, () -> get(route, request));
      if (requests.isPresent()) {
        answer.add("inputRequests", requests.get());
      } else {
        // every request was answered: the upstream has the input and goes on working
        answer.add("status", "working");
      }
    } else if ("cancelled".equals(status)) {
      ends.seen(route, status, Optional::empty);
    } else if (UpstreamTaskEnds.TERMINAL.contains(status)) {
      Optional<JsonObject> ended = routes.ask(route, "tasks/result");
      ends.seen(route, status, () -> ended);
      Optional<JsonObject> failure = ended.flatMap(ModernTasks::errorOf);
      if (failure.isPresent()) {
        answer.add("status", "failed").add("error", failure.get());
      } else if (ended.isPresent() && ended.get().get("result") instanceof JsonObject result) {
        // a tool result, errors included, is a completed task in this era
        answer.add("status", "completed").add("result", finalResult(result));
      } else {
        return unreachable(request, route);
      }
    }
    JsonObject detailed = answer.build();
    notifier.publish(route.task().id(), detailed);
    return JsonRpcResults.result(
        request.id(), Jsonp.createObjectBuilder(detailed).add("resultType", "complete").build());
  }

  /** The tool's result as 2026-07-28 wants it inside a task: its own resultType, no 2025 meta. */
  private static JsonObject finalResult(JsonObject result) {
    var copy = Jsonp.createObjectBuilder(result).add("resultType", "complete");
    if (result.get("_meta") instanceof JsonObject meta) {
      var kept = Jsonp.createObjectBuilder(meta).remove("io.modelcontextprotocol/related-task");
      copy.add("_meta", kept);
    }
    return copy.build();
  }

  /** 2025 task fields as 2026-07-28 names them ({@code ttl} → {@code ttlMs} and so on). */
  private static JsonObjectBuilder fields(JsonObject task) {
    var fields =
        Jsonp.createObjectBuilder()
            .add("taskId", task.getString("taskId", ""))
            .add("status", task.getString("status", "working"))
            .add("createdAt", task.getString("createdAt", ""))
            .add("lastUpdatedAt", task.getString("lastUpdatedAt", task.getString("createdAt", "")))
            .add("ttlMs", task.get("ttl") instanceof JsonNumber ttl ? ttl : JsonValue.NULL);
    if (task.get("pollInterval") instanceof JsonNumber poll) {
      fields.add("pollIntervalMs", poll);
    }
    if (task.get("statusMessage") instanceof JsonString message) {
      fields.add("statusMessage", message);
    }
    return fields;
  }

  private static Optional<JsonObject> errorOf(JsonObject response) {
    return response.get("error") instanceof JsonObject error
        ? Optional.of(error)
        : Optional.empty();
  }

  private static JsonObject unreachable(Request request, TaskRequests.Route route) {
    return JsonRpcError.upstreamFailed(route.upstream().name(), "no answer about the task")
        .toResponse(request.id());
  }

  private static JsonObject error(Request request, JsonObject error) {
    return Jsonp.createObjectBuilder()
        .add("jsonrpc", "2.0")
        .add("id", request.id())
        .add("error", error)
        .build();
  }

  private static JsonObject acknowledged(Request request) {
    return JsonRpcResults.result(
        request.id(), Jsonp.createObjectBuilder().add("resultType", "complete").build());
  }
}
