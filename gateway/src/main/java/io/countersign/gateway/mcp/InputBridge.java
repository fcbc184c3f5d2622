package io.countersign.gateway.mcp;

import io.countersign.audit.AuditStoreException;
import io.countersign.gateway.jsonrpc.JsonRpcError;
import io.countersign.gateway.jsonrpc.JsonRpcMessage.Request;
import io.countersign.gateway.jsonrpc.JsonRpcResults;
import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.gateway.mcp.RelayedStream.Step;
import io.countersign.gateway.pipeline.ToolCall;
import io.countersign.gateway.pipeline.ToolCallPipeline;
import io.countersign.gateway.session.McpSession;
import io.countersign.gateway.session.UnguessableIds;
import io.countersign.gateway.upstream.UpstreamConnector;
import io.countersign.gateway.upstream.UpstreamStream;
import io.countersign.tenant.UpstreamEndpoint;
import io.countersign.tenant.secret.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bridges an upstream of the 2025 eras to a 2026-07-28 client ("Multi Round-Trip Requests"). When
 * the upstream, while working on a {@code tools/call}, sends the client a request ({@code
 * elicitation/create}, {@code sampling/createMessage}, {@code roots/list}), the client's stream
 * ends with an input-required result that carries the request and a sealed {@link RequestState},
 * and the upstream's stream is kept open here. The client's retry, with {@code inputResponses} and
 * that state, sends the answer to the upstream under the id it used and goes on relaying the same
 * upstream stream: the call is decided, audited and forwarded once, whatever the number of rounds.
 *
 * <p>A state is good for one retry, by the agent it was issued to, for the same tool and arguments,
 * until it expires ({@code countersign.mcp.input-wait}); an upstream stream nobody came back for is
 * closed then, and the call's outcome is audited as {@code input_not_given}. The stream lives on
 * the node that relayed it: a retry that reaches another node is refused as "already used or
 * ended".
 */
@ApplicationScoped
public class InputBridge {

  private static final Logger LOG = Logger.getLogger(InputBridge.class.getName());

  /** {@code error.data.reason} of a refused state, as the TypeScript SDK's servers answer it. */
  static final String INVALID_STATE = "invalid_request_state";

  /** The requests an upstream may make of a client, and the capability each one needs. */
  private static final Map<String, String> BRIDGED =
      Map.of(
          "elicitation/create", "elicitation",
          "sampling/createMessage", "sampling",
          "roots/list", "roots");

  @Inject SecretBox box;
  @Inject UpstreamConnector connector;
  @Inject ToolCallPipeline pipeline;
  @Inject Confirmations confirmations;
  @Inject UpstreamRoundTrips roundTrips;

  @Inject
  @ConfigProperty(name = "countersign.mcp.input-wait", defaultValue = "PT5M")
  Duration inputWait;

  private final Clock clock = Clock.systemUTC();
  private final Map<String, Awaiting> awaiting = new ConcurrentHashMap<>();

  /**
   * A call whose upstream asked the client for input: its open stream, the response id that ends
   * it, and the one request it asked (under {@code key}, with the upstream's own id).
   */
  record Awaiting(
      String id,
      ToolCall call,
      JsonValue upstreamRequestId,
      UpstreamStream stream,
      long startedNanos,
      String key,
      JsonObject asked,
      Instant expiresAt) {}

  /** What the client's retry leads to. */
  sealed interface Retry {}

  /** The answer went to the upstream; relay the rest of its stream to the retry. */
  record Resumed(Awaiting awaiting) implements Retry {}

  /** Answer the retry with this message (an error, or the same input asked again). */
  record Answered(JsonObject response) implements Retry {}

  /** The user confirmed the call (audited): forward it as first decided. */
  record Confirmed(ToolCall call) implements Retry {}

  /**
   * A 2026-07-28 upstream required the input: forward the retry, as first decided, with the
   * upstream's own state ({@link UpstreamRoundTrips}).
   */
  record Continued(UpstreamRoundTrips.Round round) implements Retry {}

  /**
   * Whether a request ({@link RoundTripRequest#METHODS}) continues an input-required one: the
   * gateway names every one of those with a {@code requestState} of its own, so a request without
   * one is a new request, whatever {@code inputResponses} it carries (see {@link ToolCallHandler}).
   */
  static boolean isRetry(JsonObject params) {
    return params.containsKey("requestState");
  }

  /**
   * MRTR, "Error Handling": {@code inputResponses} that are not a map of results are a protocol
   * error, answered -32602 whether or not the call is a retry.
   */
  static Optional<String> malformed(JsonObject params) {
    JsonValue responses = params.get("inputResponses");
    if (responses == null) {
      return Optional.empty();
    }
    if (!(responses instanceof JsonObject answers)) {
      return Optional.of("inputResponses must be an object");
    }
    return answers.entrySet().stream()
        .filter(answer -> !(answer.getValue() instanceof JsonObject))
        .map(answer -> "inputResponses['" + answer.getKey() + "'] must be an object")
        .findFirst();
  }

  /**
   * One event of an upstream's stream on its way to a 2026-07-28 client. A request the client
   * declared the capability for ends the client's stream as input-required; any other request is
   * refused to the upstream, so it does not wait for an answer that cannot come. The response gets
   * the client's request id (a retry has a new one) and its {@code resultType}.
   */
  Step relay(
      ToolCall call,
      Request client,
      JsonValue upstreamRequestId,
      UpstreamStream stream,
      long startedNanos,
      String data) {
    Optional<JsonObject> parsed = parse(data);
    if (parsed.isEmpty()) {
      return new Step.Pass(data);
    }
    JsonObject message = parsed.get();
    if (isRequest(message)) {
      String method = message.getString("method", "");
      if (!declared(client, method, message)) {
        refuse(call.session(), call.upstream(), message, undeclared(method));
        return new Step.Drop();
      }
      var waiting =
          new Awaiting(
              UnguessableIds.of(18),
              call,
              upstreamRequestId,
              stream,
              startedNanos,
              BRIDGED.get(method),
              message,
              clock.instant().plus(inputWait));
      awaiting.put(waiting.id(), waiting);
      return new Step.HandOn(inputRequired(client, waiting).toString());
    }
    if (!message.containsKey("method") && upstreamRequestId.equals(message.get("id"))) {
      JsonObject response = Jsonp.createObjectBuilder(message).add("id", client.id()).build();
      // a 2026-07-28 upstream's own input-required result, its state wrapped in the gateway's
      response =
          roundTrips.relayed(RoundTripRequest.of(call, client), client, response, startedNanos);
      return new Step.Pass(ModernFront.complete(response, false).toString());
    }
    return new Step.Pass(data);
  }

  /**
   * An upstream's event on a 2026-07-28 request other than {@code tools/call} (lists, reads,
   * prompts): requests of the upstream are refused to it (a 2026-07-28 upstream asks by an
   * input-required result instead, which {@code answered} turns into the client's); the response
   * goes through {@code answered} and gets its {@code resultType}.
   */
  Step relayPlain(
      McpSession session,
      UpstreamEndpoint upstream,
      JsonValue requestId,
      UnaryOperator<JsonObject> answered,
      String data) {
    Optional<JsonObject> parsed = parse(data);
    if (parsed.isEmpty()) {
      return new Step.Pass(data);
    }
    JsonObject message = parsed.get();
    if (isRequest(message)) {
      refuse(
          session,
          upstream,
          message,
          "the client speaks MCP 2026-07-28, where '"
              + message.getString("method", "")
              + "' is asked only during tools/call");
      return new Step.Drop();
    }
    if (!message.containsKey("method") && requestId.equals(message.get("id"))) {
      return new Step.Pass(ModernFront.complete(answered.apply(message), false).toString());
    }
    return new Step.Pass(data);
  }

  /**
   * The retry of an input-required request: the state must be one this deployment sealed, for this
   * agent, method, name and arguments, unexpired and unused. "Error Handling": answers to what was
   * not asked are ignored; a retry that leaves out what was asked gets it asked again. Only a
   * {@code tools/call} can continue a confirmation or a 2025 upstream's stream; a prompt or a
   * resource continues a 2026-07-28 upstream's round ({@link UpstreamRoundTrips}).
   */
  Retry resume(McpSession session, Request request, String name, String argumentsDigest) {
    JsonValue sealed = request.params().get("requestState");
    JsonValue responses = request.params().get("inputResponses");
    if (!(sealed instanceof JsonString text)) {
      return refusedState(request, "requestState must be a string");
    }
    if (responses != null && responses.getValueType() != JsonValue.ValueType.OBJECT) {
      return refused(request, "inputResponses must be an object");
    }
    Optional<RequestState> opened = RequestState.open(box, text.getString());
    if (opened.isEmpty() || !opened.get().heldBy(session.agent())) {
      return refusedState(request, "requestState is not valid");
    }
    RequestState state = opened.get();
    if (!state.expiresAt().isAfter(clock.instant())) {
      return refusedState(request, "requestState has expired");
    }
    if (!state.sealedFor(request.method(), name, argumentsDigest)) {
      return refusedState(
          request, "requestState belongs to another call: a retry repeats the original request");
    }
    if (Confirmations.owns(state.awaitingId())) {
      return confirmation(request, state, responses);
    }
    if (UpstreamRoundTrips.owns(state.awaitingId())) {
      return roundTrips.resume(
          request,
          state,
          responses == null ? JsonValue.EMPTY_JSON_OBJECT : responses.asJsonObject());
    }
    Awaiting waiting = awaiting.get(state.awaitingId());
    if (waiting == null) {
      return refusedState(request, "requestState was already used, or its call has ended");
    }
    // "Error Handling": keys of inputResponses that were not asked are ignored (never forwarded)
    JsonObject answers = responses == null ? JsonValue.EMPTY_JSON_OBJECT : responses.asJsonObject();
    JsonValue answer = answers.get(waiting.key());
    if (answer == null) {
      // "Missing Information": the same input is asked again, with a state of its own
      return new Answered(inputRequired(request, waiting));
    }
    if (answer.getValueType() != JsonValue.ValueType.OBJECT) {
      return refused(request, "inputResponses['" + waiting.key() + "'] must be an object");
    }
    if (!awaiting.remove(waiting.id(), waiting)) {
      return refusedState(request, "requestState was already used, or its call has ended");
    }
    answer(session, waiting.call().upstream(), waiting.asked().get("id"), answer);
    return new Resumed(waiting);
  }

  /** Sends the upstream the client's answer to its request, under the id the upstream used. */
  void answer(
      McpSession session, UpstreamEndpoint upstream, JsonValue upstreamId, JsonValue answer) {
    connector.send(
        session,
        upstream,
        Jsonp.createObjectBuilder()
            .add("jsonrpc", "2.0")
            .add("id", upstreamId)
            .add("result", answer)
            .build());
  }

  /**
   * The refusal of {@code inputResponses} that name a request that was not asked (-32602 naming the
   * key), if they do.
   */
  static Optional<Answered> unasked(Request request, JsonObject answers, Set<String> asked) {
    return answers.keySet().stream()
        .filter(key -> !asked.contains(key))
        .findFirst()
        .map(
            key -> refused(request, "inputResponses names '" + key + "', which was not requested"));
  }

  /** A retry answering the user's confirmation of a call ({@link Confirmations}). */
  private Retry confirmation(Request request, RequestState state, JsonValue responses) {
    JsonObject answers = responses == null ? JsonValue.EMPTY_JSON_OBJECT : responses.asJsonObject();
    JsonValue answer = answers.get(Confirmations.INPUT_KEY);
    if (answer != null && answer.getValueType() != JsonValue.ValueType.OBJECT) {
      return refused(
          request, "inputResponses['" + Confirmations.INPUT_KEY + "'] must be an object");
    }
    return confirmations
        .resume(request, state.awaitingId(), answers)
        .<Retry>map(
            given ->
                given instanceof Confirmations.Confirmed confirmed
                    ? new Confirmed(confirmed.call())
                    : new Answered(((Confirmations.Replied) given).response()))
        .orElseGet(
            () -> refusedState(request, "requestState was already used, or its call has ended"));
  }

  /**
   * Lets go of the calls whose clients did not come back in time: the upstream is told its request
   * went unanswered, its stream is closed and the call's outcome audited.
   */
  public void expire() {
    Instant now = clock.instant();
    for (Awaiting waiting : awaiting.values()) {
      if (waiting.expiresAt().isAfter(now) || !awaiting.remove(waiting.id(), waiting)) {
        continue;
      }
      ToolCall call = waiting.call();
      refuse(
          call.session(),
          call.upstream(),
          waiting.asked(),
          "the client did not answer within " + inputWait);
      waiting.stream().close();
      try {
        pipeline.recordOutcome(
            call,
            "input_not_given",
            (System.nanoTime() - waiting.startedNanos()) / 1_000_000,
            Optional.empty());
      } catch (AuditStoreException | PersistenceException | TransactionalException e) {
        LOG.log(Level.SEVERE, "audit outcome of call " + call.callId() + " not recorded", e);
      }
    }
  }

  /** How many calls wait for their client's input on this node. */
  public int waiting() {
    return awaiting.size();
  }

  /** The input-required result for {@code waiting}, with a newly sealed state. */
  private JsonObject inputRequired(Request client, Awaiting waiting) {
    JsonObject asked = waiting.asked();
    var state =
        RequestState.ofToolCall(
            waiting.id(),
            waiting.call().tenantId(),
            waiting.call().agent().agentId(),
            client.params().getString("name"),
            waiting.call().argumentsDigest(),
            waiting.expiresAt());
    JsonObject result =
        Jsonp.createObjectBuilder()
            .add("resultType", "input_required")
            .add(
                "inputRequests",
                Jsonp.createObjectBuilder().add(waiting.key(), inputRequest(asked)))
            .add("requestState", state.seal(box))
            .build();
    return JsonRpcResults.result(client.id(), result);
  }

  /** An upstream's request as an entry of {@code inputRequests}: its method and params. */
  static JsonObject inputRequest(JsonObject asked) {
    return Jsonp.createObjectBuilder()
        .add("method", asked.getString("method", ""))
        .add(
            "params",
            asked.get("params") instanceof JsonObject params ? params : JsonValue.EMPTY_JSON_OBJECT)
        .build();
  }

  /**
   * Whether the client declared what the upstream asks for: the capability of the method and, for
   * an elicitation in URL mode, that mode.
   */
  static boolean declared(Request client, String method, JsonObject message) {
    String capability = BRIDGED.get(method);
    if (capability == null) {
      return false;
    }
    JsonObject capabilities = ModernEnvelope.clientCapabilities(client).orElse(null);
    if (capabilities == null || !(capabilities.get(capability) instanceof JsonObject declared)) {
      return false;
    }
    JsonValue params = message.get("params");
    boolean urlMode = params instanceof JsonObject p && "url".equals(p.getString("mode", "form"));
    return !urlMode || declared.containsKey("url");
  }

  static String undeclared(String method) {
    return BRIDGED.containsKey(method)
        ? "the client did not declare the capability '" + BRIDGED.get(method) + "' for " + method
        : "the gateway does not relay '" + method + "' to a client";
  }

  /** Answers an upstream's request with an error, so that it does not wait. */
  void refuse(McpSession session, UpstreamEndpoint upstream, JsonObject request, String detail) {
    JsonObject refusal =
        new JsonRpcError(JsonRpcError.METHOD_NOT_FOUND, detail).toResponse(request.get("id"));
    try {
      connector.send(session, upstream, refusal);
    } catch (RuntimeException e) {
      LOG.fine("upstream '" + upstream.name() + "' not told: " + e.getMessage());
    }
  }

  static boolean isRequest(JsonObject message) {
    JsonValue id = message.get("id");
    return message.containsKey("method")
        && id != null
        && id.getValueType() != JsonValue.ValueType.NULL;
  }

  private static Optional<JsonObject> parse(String data) {
    try (var reader = Jsonp.createReader(new StringReader(data))) {
      JsonValue value = reader.readValue();
      return value instanceof JsonObject object ? Optional.of(object) : Optional.empty();
    } catch (JsonException e) {
      return Optional.empty();
    }
  }

  static Answered refused(Request request, String detail) {
    return new Answered(JsonRpcError.invalidParams(detail).toResponse(request.id()));
  }

  /** A refused state: -32602 with {@code data.reason}, whatever was wrong with it. */
  static Answered refusedState(Request request, String detail) {
    return new Answered(
        JsonRpcError.invalidParams(detail)
            .toResponse(
                request.id(), Jsonp.createObjectBuilder().add("reason", INVALID_STATE).build()));
  }
}
