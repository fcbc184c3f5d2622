package io.countersign.gateway.mcp;

import io.countersign.audit.AuditStoreException;
import io.countersign.gateway.jsonrpc.JsonRpcError;
import io.countersign.gateway.jsonrpc.JsonRpcMessage.Request;
import io.countersign.gateway.jsonrpc.JsonRpcMessage.Response;
import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.gateway.mcp.RelayedStream.Step;
import io.countersign.gateway.pipeline.CallOutcome;
import io.countersign.gateway.pipeline.ToolCall;
import io.countersign.gateway.pipeline.ToolCallPipeline;
import io.countersign.gateway.session.McpSession;
import io.countersign.gateway.session.UnguessableIds;
import io.countersign.gateway.upstream.UpstreamConnector;
import io.countersign.gateway.upstream.UpstreamReply;
import io.countersign.gateway.upstream.UpstreamStream;
import io.countersign.tenant.UpstreamEndpoint;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bridges a 2026-07-28 upstream to a client of the session eras: when the upstream answers a
 * request ({@code tools/call}, {@code prompts/get}, {@code resources/read}: {@link
 * RoundTripRequest}) with an input-required result, the gateway sends each of its {@code
 * inputRequests} to the client as a request of its own ({@code elicitation/create}, {@code
 * sampling/createMessage}, {@code roots/list}) on the request's SSE stream, under an unguessable id
 * that only that session can answer (2025-11-25, Streamable HTTP, "Sending Messages to the
 * Server"). Once every request is answered (accept, decline and cancel are answers like any other)
 * it retries the upstream with {@code inputResponses} and the upstream's {@code requestState}, and
 * relays what comes back on the same stream: the result, or the next round of requests. A tool call
 * was decided and audited when first asked; its outcome is audited once, when the stream ends. A
 * prompt or resource is audited as the other catalog requests: not at all.
 *
 * <p>A request for something the client did not declare (the upstream should not send one: the
 * gateway declared only the client's own capabilities), an answer that is a JSON-RPC error, and a
 * client that does not answer within {@code countersign.mcp.input-wait} end the request with an
 * error that says why (a tool error for a tool call, {@link RoundTripRequest#failed}); nothing
 * waits forever. The stream lives on the node that asked.
 */
@ApplicationScoped
public class SessionInputBridge {

  private static final Logger LOG = Logger.getLogger(SessionInputBridge.class.getName());

  /** Every request id the bridge gives a client starts so. */
  static final String ID_PREFIX = "cs-ir-";

  /** The capability each input request needs of the client. */
  private static final Map<String, String> NEEDS =
      Map.of(
          "elicitation/create", "elicitation",
          "sampling/createMessage", "sampling",
          "roots/list", "roots");

  @Inject UpstreamConnector connector;
  @Inject ToolCallPipeline pipeline;
  @Resource ManagedExecutorService executor;

  @Inject
  @ConfigProperty(name = "countersign.mcp.input-wait", defaultValue = "PT5M")
  Duration inputWait;

  private final Clock clock = Clock.systemUTC();
  private final AtomicLong retries = new AtomicLong();

  /** The requests a client was sent and has not answered: "session|id" to where the answer goes. */
  private final Map<String, Asked> asked = new ConcurrentHashMap<>();

  /** One request being bridged: its client's stream, and the round of input it is in. */
  private final class Bridged {
    final RoundTripRequest exchange;
    final Request request;
    final UpstreamStream client = UpstreamStream.local();
    final long startedNanos;
    final AtomicReference<String> endedAs = new AtomicReference<>();
    volatile Round round;

    Bridged(RoundTripRequest exchange, Request request, long startedNanos) {
      this.exchange = exchange;
      this.request = request;
      this.startedNanos = startedNanos;
    }

    UpstreamEndpoint upstream() {
      return exchange.upstream();
    }
  }

  /** The input requests of one upstream answer, and the answers collected so far. */
  private record Round(
      Map<String, String> keysById,
      Map<String, JsonValue> answers,
      Optional<String> upstreamState,
      Instant expiresAt) {}

  private record Asked(Bridged bridged, Round round, String key) {}

  /**
   * The client's stream for a request whose 2026-07-28 upstream answered {@code reply}: a stream
   * (notifications, then the response) or an input-required result.
   */
  FrontReply relay(
      RoundTripRequest exchange, Request request, UpstreamReply reply, long startedNanos) {
    var bridged = new Bridged(exchange, request, startedNanos);
    executor.execute(() -> answered(bridged, reply));
    return new FrontReply.EventStream(
        new RelayedStream(
            bridged.client,
            request.id(),
            inputWait.plus(exchange.upstream().readTimeout()),
            exchange.upstream().name(),
            Step.Pass::new,
            relayed -> ended(bridged, relayed)));
  }

  /**
   * A session era client's response: when it answers a request of this bridge sent to this session,
   * it is kept (and the retry goes out once the round is complete) and {@code true} is returned; an
   * answer from another session, or a second answer, is dropped.
   */
  boolean answered(McpSession session, Response response) {
    if (!(response.id() instanceof JsonString id) || !id.getString().startsWith(ID_PREFIX)) {
      return false;
    }
    Asked question = asked.remove(session.id() + "|" + id.getString());
    if (question == null) {
      return true;
    }
    Bridged bridged = question.bridged();
    if (!(response.json().get("result") instanceof JsonObject result)) {
      JsonValue error = response.json().get("error");
      String why = error instanceof JsonObject e ? e.getString("message", "an error") : "no result";
      end(
          bridged,
          "input_refused",
          "Your client could not answer '" + question.key() + "': " + why);
      return true;
    }
    Round round = question.round();
    round.answers().put(question.key(), result);
    if (round.answers().size() == round.keysById().size() && bridged.round == round) {
      bridged.round = null;
      executor.execute(() -> retry(bridged, round));
    }
    return true;
  }

  /** Ends the calls whose clients did not answer in time; each is audited as input_not_given. */
  public void expire() {
    Instant now = clock.instant();
    for (Asked question : asked.values()) {
      Round round = question.round();
      if (round.expiresAt().isAfter(now)) {
        continue;
      }
      end(
          question.bridged(),
          "input_not_given",
          "The upstream's request was not answered within " + inputWait + ".");
    }
  }

  /** How many input requests wait for their client's answer on this node. */
  public int waiting() {
    return asked.size();
  }

  /** What the upstream answered: relayed to the client, or asked of it. */
  private void answered(Bridged bridged, UpstreamReply reply) {
    JsonObject response;
    try {
      response = responseOf(bridged, reply);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "bridged " + bridged.exchange.label() + " failed", e);
      response =
          bridged.exchange.failed(
              bridged.request.id(), "Upstream '" + bridged.upstream().name() + "' failed.");
    }
    if (!UpstreamRoundTrips.inputRequired(response)) {
      bridged.client.push(
          Jsonp.createObjectBuilder(response).add("id", bridged.request.id()).build().toString());
      bridged.client.end("answered");
      return;
    }
    ask(bridged, response.getJsonObject("result"));
  }

  /** The upstream's response, its notifications passed on to the client on the way. */
  private JsonObject responseOf(Bridged bridged, UpstreamReply reply) {
    if (reply instanceof UpstreamReply.Json json) {
      return json.message();
    }
    if (!(reply instanceof UpstreamReply.Stream stream)) {
      return bridged.exchange.failed(
          bridged.request.id(), ToolCallHandler.upstreamFailure(bridged.upstream(), reply));
    }
    try (UpstreamStream upstream = stream.stream()) {
      while (true) {
        var next = upstream.next(bridged.upstream().readTimeout());
        if (!(next instanceof UpstreamStream.Event event)) {
          return new JsonRpcError(
                  JsonRpcError.UPSTREAM_ERROR,
                  "upstream '" + bridged.upstream().name() + "' ended its stream unanswered")
              .toResponse(bridged.request.id());
        }
        if (!event.event().carriesMessage()) {
          continue;
        }
        Optional<JsonObject> message = UpstreamMessagesView.parse(event.event().data());
        if (message.isEmpty()) {
          continue;
        }
        if (!message.get().containsKey("method")) {
          return message.get();
        }
        if (!message.get().containsKey("id")) {
          bridged.client.push(event.event().data());
        }
      }
    }
  }

  /** Sends the client the round's requests, or ends the call if one cannot be asked. */
  private void ask(Bridged bridged, JsonObject result) {
    JsonObject requests =
        result.get("inputRequests") instanceof JsonObject given
            ? given
            : JsonValue.EMPTY_JSON_OBJECT;
    JsonObject capabilities = bridged.exchange.session().upstreamCapabilities();
    for (var entry : requests.entrySet()) {
      Optional<String> missing = missing(capabilities, entry.getValue());
      if (missing.isPresent()) {
        end(
            bridged,
            "input_not_askable",
            "Upstream '"
                + bridged.upstream().name()
                + "' needs input your client cannot give: it did not declare "
                + missing.get()
                + ". Nothing more was asked.");
        return;
      }
    }
    Map<String, String> keysById = new ConcurrentHashMap<>();
    requests.keySet().forEach(key -> keysById.put(ID_PREFIX + UnguessableIds.of(16), key));
    Optional<String> state =
        result.get("requestState") instanceof JsonString given
            ? Optional.of(given.getString())
            : Optional.empty();
    var round =
        new Round(keysById, new ConcurrentHashMap<>(), state, clock.instant().plus(inputWait));
    bridged.round = round;
    if (keysById.isEmpty()) {
      // "If the InputRequiredResult does not contain the inputRequests field, the client MAY
      // retry the original request immediately."
      bridged.round = null;
      retry(bridged, round);
      return;
    }
    String session = bridged.exchange.session().id();
    keysById.forEach((id, key) -> asked.put(session + "|" + id, new Asked(bridged, round, key)));
    keysById.forEach(
        (id, key) -> {
          JsonObject request = requests.getJsonObject(key);
          bridged.client.push(
              Jsonp.createObjectBuilder()
                  .add("jsonrpc", "2.0")
                  .add("id", id)
                  .add("method", request.getString("method", ""))
                  .add(
                      "params",
                      request.get("params") instanceof JsonObject params
                          ? params
                          : JsonValue.EMPTY_JSON_OBJECT)
                  .build()
                  .toString());
        });
  }

  /** The retry of the original request, with every answer and the upstream's own state. */
  private void retry(Bridged bridged, Round round) {
    JsonObject message =
        bridged.exchange.retry(
            // "The JSON-RPC id MUST be different between the initial request and the retry"
            Jsonp.createValue("cs-retry-" + retries.incrementAndGet()),
            answers(round),
            round.upstreamState());
    UpstreamReply reply;
    try {
      reply = connector.send(bridged.exchange.session(), bridged.upstream(), message);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "retry of " + bridged.exchange.label() + " could not be sent", e);
      end(bridged, "upstream_unreachable", "The retry could not reach the upstream.");
      return;
    }
    answered(bridged, reply);
  }

  private static JsonObject answers(Round round) {
    var answers = Jsonp.createObjectBuilder();
    round.answers().forEach(answers::add);
    return answers.build();
  }

  /**
   * Ends the request with an error saying why; {@code outcome} is what a tool call's audit entry
   * says.
   */
  private void end(Bridged bridged, String outcome, String why) {
    if (!bridged.endedAs.compareAndSet(null, outcome)) {
      return;
    }
    forget(bridged);
    bridged.client.push(bridged.exchange.failed(bridged.request.id(), why).toString());
    bridged.client.end(outcome);
  }

  /** The client's stream ended: a tool call's one outcome entry. */
  private void ended(Bridged bridged, RelayedStream.Relayed relayed) {
    forget(bridged);
    bridged.endedAs.compareAndSet(null, "");
    if (bridged.exchange.call().isEmpty()) {
      return;
    }
    ToolCall call = bridged.exchange.call().get();
    String override = bridged.endedAs.get();
    String outcome =
        !override.isEmpty()
            ? override
            : relayed.response() != null
                ? CallOutcome.of(relayed.response())
                : "relay_" + relayed.ending().name().toLowerCase(java.util.Locale.ROOT);
    Optional<JsonObject> answer =
        Optional.ofNullable(relayed.response())
            .map(r -> r.containsKey("error") ? r.get("error") : r.get("result"))
            .filter(JsonObject.class::isInstance)
            .map(JsonObject.class::cast);
    try {
      pipeline.recordOutcome(
          call, outcome, (System.nanoTime() - bridged.startedNanos) / 1_000_000, answer);
    } catch (AuditStoreException | PersistenceException | TransactionalException e) {
      LOG.log(Level.SEVERE, "audit outcome of call " + call.callId() + " not recorded", e);
    }
  }

  private void forget(Bridged bridged) {
    asked.values().removeIf(question -> question.bridged() == bridged);
  }

  /** The capability an input request needs that the client did not declare, if any. */
  static Optional<String> missing(JsonObject capabilities, JsonValue inputRequest) {
    if (!(inputRequest instanceof JsonObject request)) {
      return Optional.of("a capability for a malformed request");
    }
    String method = request.getString("method", "");
    String capability = NEEDS.get(method);
    if (capability == null) {
      return Optional.of("support for '" + method + "'");
    }
    if (!(capabilities.get(capability) instanceof JsonObject declared)) {
      return Optional.of("the capability '" + capability + "'");
    }
    boolean urlMode =
        request.get("params") instanceof JsonObject params
            && "url".equals(params.getString("mode", "form"));
    return urlMode && !declared.containsKey("url")
        ? Optional.of("URL-mode elicitation")
        : Optional.empty();
  }
}
