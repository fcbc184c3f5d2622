package io.countersign.gateway.mcp;

import io.countersign.gateway.jsonrpc.JsonRpcError;
import io.countersign.gateway.jsonrpc.JsonRpcMessage.Request;
import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.gateway.session.UnguessableIds;
import io.countersign.gateway.upstream.UpstreamConnector;
import io.countersign.gateway.upstream.UpstreamReply;
import io.countersign.gateway.upstream.UpstreamStream;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The input requests of a 2025-11-25 upstream's task, bridged to a 2026-07-28 client of the tasks
 * extension. A 2025 task that needs input moves to {@code input_required} and sends its requests
 * ({@code elicitation/create}, {@code sampling/createMessage}, {@code roots/list}) on the stream of
 * a {@code tasks/result} (2025-11-25, "Tasks": "the requestor SHOULD call tasks/result"). The
 * gateway reads that stream on this node ({@link Watch}); each request becomes an entry of the
 * task's {@code inputRequests} under a key of the gateway's, unique over the task's life (the
 * extension, "Task Update Requests"), and the client's {@code tasks/update} answers it: the answer
 * ({@code accept}, {@code decline} or {@code cancel} as given) goes to the upstream under the id it
 * used ({@link InputBridge#answer}). A request for a capability the client did not declare is
 * refused to the upstream, as for a call's own requests; one the client leaves unanswered for
 * {@code countersign.mcp.input-wait} is answered with an error. The stream's end (the task's
 * result) and the upstream's status notifications make the gateway look at the task again, so
 * listeners learn it ({@link TaskStatusNotifier}).
 */
@ApplicationScoped
public class UpstreamTaskInputs {

  /** Every key of a bridged input request starts so. */
  static final String KEY_PREFIX = "cs-input-";

  /** How long a {@code tasks/get} waits for the request of a task that just required input. */
  private static final Duration FIRST_REQUEST_WAIT = Duration.ofSeconds(5);

  @Inject UpstreamConnector connector;
  @Inject InputBridge inputBridge;
  @Resource ManagedExecutorService executor;

  @Inject
  @ConfigProperty(name = "countersign.mcp.input-wait", defaultValue = "PT5M")
  Duration inputWait;

  private final Clock clock = Clock.systemUTC();
  private final Map<String, Watch> watches = new ConcurrentHashMap<>();

  /** A request of the upstream's waiting for the client's answer. */
  private record Asked(JsonValue upstreamId, JsonObject request, Instant expiresAt) {}

  /** One task's {@code tasks/result} stream, read here, and the requests it carried. */
  private static final class Watch {
    final TaskRequests.Route route;
    final Request client;
    final Runnable refresh;
    final Map<String, Asked> outstanding = new ConcurrentHashMap<>();
    final Set<String> answered = ConcurrentHashMap.newKeySet();
    final CountDownLatch firstRequest = new CountDownLatch(1);
    final Instant startedAt = Instant.now();

    Watch(TaskRequests.Route route, Request client, Runnable refresh) {
      this.route = route;
      this.client = client;
      this.refresh = refresh;
    }
  }

  /**
   * Follows the task's {@code tasks/result} stream unless this node already does; {@code client}'s
   * declared capabilities decide which requests can be asked, {@code refresh} looks at the task
   * again.
   */
  void watch(TaskRequests.Route route, Request client, Runnable refresh) {
    var watch = new Watch(route, client, refresh);
    // started once it is in place, so that its end always finds it to remove
    if (watches.putIfAbsent(route.task().id(), watch) == null) {
      executor.execute(() -> read(watch));
    }
  }

  /**
   * The {@code inputRequests} of an {@code input_required} task: the requests not answered yet,
   * waiting a moment for the first one when the stream was just opened; empty when the gateway has
   * answered every request it was asked (the upstream has the input).
   */
  Optional<JsonObject> inputRequests(TaskRequests.Route route, Request client, Runnable refresh) {
    watch(route, client, refresh);
    Watch watch = watches.get(route.task().id());
    if (watch == null) {
      return Optional.empty();
    }
    try {
      watch.firstRequest.await(FIRST_REQUEST_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (watch.outstanding.isEmpty() && !watch.answered.isEmpty()) {
      return Optional.empty();
    }
    var requests = Jsonp.createObjectBuilder();
    watch.outstanding.forEach(
        (key, asked) -> requests.add(key, InputBridge.inputRequest(asked.request())));
    return Optional.of(requests.build());
  }

  /**
   * {@code tasks/update}: each answer goes to the upstream request it names. A key never issued for
   * this task is refused (-32602 naming it); a key already answered is ignored, as the extension
   * asks ("ignore any inputResponses [...] keys that have already been answered").
   */
  Optional<JsonObject> update(TaskRequests.Route route, Request request) {
    if (!(request.params().get("inputResponses") instanceof JsonObject answers)) {
      return Optional.of(
          JsonRpcError.invalidParams("'inputResponses' must be an object of answers by key")
              .toResponse(request.id()));
    }
    Watch watch = watches.get(route.task().id());
    Set<String> issued = new HashSet<>();
    if (watch != null) {
      issued.addAll(watch.outstanding.keySet());
      issued.addAll(watch.answered);
    }
    var unasked = InputBridge.unasked(request, answers, issued);
    if (unasked.isPresent()) {
      return Optional.of(unasked.get().response());
    }
    for (var answer : answers.entrySet()) {
      if (!(answer.getValue() instanceof JsonObject)) {
        return Optional.of(
            JsonRpcError.invalidParams(
                    "inputResponses['" + answer.getKey() + "'] must be an object")
                .toResponse(request.id()));
      }
    }
    answers.forEach(
        (key, answer) -> {
          Asked asked = watch.outstanding.remove(key);
          if (asked != null) {
            watch.answered.add(key);
            inputBridge.answer(route.owner(), route.upstream(), asked.upstreamId(), answer);
          }
        });
    return Optional.empty();
  }

  /** Answers with an error the requests whose clients did not answer in time. */
  public void expire() {
    Instant now = clock.instant();
    for (Watch watch : watches.values()) {
      watch.outstanding.forEach(
          (key, asked) -> {
            if (!asked.expiresAt().isAfter(now) && watch.outstanding.remove(key, asked)) {
              watch.answered.add(key);
              inputBridge.refuse(
                  watch.route.owner(),
                  watch.route.upstream(),
                  Jsonp.createObjectBuilder().add("id", asked.upstreamId()).build(),
                  "the client did not answer within " + inputWait);
            }
          });
    }
  }

  /** How many tasks' streams are read on this node. */
  public int watched() {
    return watches.size();
  }

  /** Reads the task's {@code tasks/result} stream until the task's result, then looks again. */
  private void read(Watch watch) {
    TaskRequests.Route route = watch.route;
    JsonValue id = Jsonp.createValue("cs-tasks/result-" + UnguessableIds.of(12));
    JsonObject message =
        Jsonp.createObjectBuilder()
            .add("jsonrpc", "2.0")
            .add("id", id)
            .add("method", "tasks/result")
            .add("params", Jsonp.createObjectBuilder().add("taskId", route.task().upstreamTaskId()))
            .build();
    boolean ended = false;
    try {
      UpstreamReply reply = connector.send(route.owner(), route.upstream(), message);
      ended = reply instanceof UpstreamReply.Json;
      if (reply instanceof UpstreamReply.Stream stream) {
        try (UpstreamStream events = stream.stream()) {
          ended = follow(watch, events, id);
        }
      }
    } finally {
      watch.firstRequest.countDown();
      watches.remove(route.task().id(), watch);
    }
    if (ended) {
      watch.refresh.run();
    }
  }

  /**
   * The stream's events until the response ({@code true}) or an end without it. A quiet stream is
   * followed while a request waits for its answer, and else for {@code input-wait} at most (a
   * {@code tasks/get} or a listener opens it again).
   */
  private boolean follow(Watch watch, UpstreamStream events, JsonValue id) {
    while (true) {
      var next = events.next(watch.route.upstream().readTimeout());
      if (next instanceof UpstreamStream.IdleTimeout
          && (!watch.outstanding.isEmpty()
              || watch.startedAt.plus(inputWait).isAfter(clock.instant()))) {
        continue;
      }
      if (!(next instanceof UpstreamStream.Event event)) {
        return false;
      }
      if (!event.event().carriesMessage()) {
        continue;
      }
      Optional<JsonObject> parsed = UpstreamMessagesView.parse(event.event().data());
      if (parsed.isEmpty()) {
        continue;
      }
      JsonObject received = TaskRequests.named(parsed.get(), watch.route.task());
      if (InputBridge.isRequest(received)) {
        asked(watch, received);
      } else if (!received.containsKey("method") && id.equals(received.get("id"))) {
        return true;
      } else if ("notifications/tasks/status".equals(received.getString("method", ""))) {
        executor.execute(watch.refresh);
      }
    }
  }

  /** A request of the upstream's: kept for the client, or refused when it cannot be asked. */
  private void asked(Watch watch, JsonObject request) {
    String method = request.getString("method", "");
    if (!InputBridge.declared(watch.client, method, request)) {
      inputBridge.refuse(
          watch.route.owner(), watch.route.upstream(), request, InputBridge.undeclared(method));
      return;
    }
    String key = KEY_PREFIX + UnguessableIds.of(12);
    watch.outstanding.put(
        key, new Asked(request.get("id"), request, clock.instant().plus(inputWait)));
    watch.firstRequest.countDown();
    executor.execute(watch.refresh);
  }
}
