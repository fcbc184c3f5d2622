package io.countersign.gateway.mcp;

import io.countersign.audit.AuditStoreException;
import io.countersign.gateway.jsonrpc.JsonRpcMessage.Request;
import io.countersign.gateway.jsonrpc.JsonRpcResults;
import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.gateway.pipeline.ToolCall;
import io.countersign.gateway.pipeline.ToolCallPipeline;
import io.countersign.gateway.session.UnguessableIds;
import io.countersign.tenant.secret.SecretBox;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A 2026-07-28 upstream's input-required result on its way to a 2026-07-28 client ("Multi
 * Round-Trip Requests"), for every request that may get one ({@link RoundTripRequest#METHODS}:
 * {@code tools/call}, {@code prompts/get}, {@code resources/read}). The client gets the upstream's
 * {@code inputRequests} as they are, and a {@code requestState} of the gateway's: sealed ({@link
 * RequestState}), bound to the agent, tenant, method, name and arguments' digest, wrapping the
 * upstream's own state. The retry is checked like any other ({@link InputBridge#resume}), answers
 * only what was asked, is good once, and goes to the upstream with the upstream's state; a tool
 * call is not decided again (it was decided and audited when first asked), and its outcome is
 * audited once, when a round ends without requiring input, or as {@code input_not_given} when the
 * client does not come back in time. Prompts and resources are audited as the other catalog
 * requests: not at all.
 */
@ApplicationScoped
public class UpstreamRoundTrips {

  private static final Logger LOG = Logger.getLogger(UpstreamRoundTrips.class.getName());

  /** Every round's id starts so, to tell its state from the bridge's and confirmations'. */
  static final String ID_PREFIX = "cs-round-";

  @Inject SecretBox box;
  @Inject ToolCallPipeline pipeline;

  @Inject
  @ConfigProperty(name = "countersign.mcp.input-wait", defaultValue = "PT5M")
  Duration inputWait;

  private final Clock clock = Clock.systemUTC();
  private final Map<String, Round> rounds = new ConcurrentHashMap<>();

  /**
   * A request whose upstream requires input: what it asked (the keys of its {@code inputRequests})
   * and the state it wants back.
   */
  record Round(
      String id,
      RoundTripRequest request,
      JsonObject inputRequests,
      Optional<String> upstreamState,
      long startedNanos,
      Instant expiresAt) {

    /** The keys of what the upstream asked. */
    Set<String> asked() {
      return inputRequests.keySet();
    }
  }

  /** Whether a state's awaited id is a round's. */
  static boolean owns(String awaitingId) {
    return awaitingId.startsWith(ID_PREFIX);
  }

  /** Whether a response is an input-required result (2026-07-28, "InputRequiredResult"). */
  public static boolean inputRequired(JsonObject response) {
    return response != null
        && response.get("result") instanceof JsonObject result
        && "input_required".equals(result.getString("resultType", ""));
  }

  /**
   * The upstream's response as the client gets it: an input-required result with the gateway's
   * state in place of the upstream's; any other response unchanged.
   */
  JsonObject relayed(
      RoundTripRequest request, Request client, JsonObject response, long startedNanos) {
    if (!inputRequired(response)) {
      return response;
    }
    JsonObject result = response.getJsonObject("result");
    JsonValue upstreamState = result.get("requestState");
    if (upstreamState != null && !(upstreamState instanceof JsonString)) {
      return unusable(request, client, "its requestState is not a string");
    }
    Optional<String> state =
        upstreamState == null
            ? Optional.empty()
            : Optional.of(((JsonString) upstreamState).getString());
    if (state.map(String::length).orElse(0) > RequestState.MAX_UPSTREAM_STATE_CHARS) {
      return unusable(request, client, "its requestState is longer than the gateway carries");
    }
    JsonObject asked =
        result.get("inputRequests") instanceof JsonObject requests
            ? requests
            : JsonValue.EMPTY_JSON_OBJECT;
    var round =
        new Round(
            ID_PREFIX + UnguessableIds.of(18),
            request,
            asked,
            state,
            startedNanos,
            clock.instant().plus(inputWait));
    rounds.put(round.id(), round);
    return Jsonp.createObjectBuilder(response)
        .add("id", client.id())
        .add("result", Jsonp.createObjectBuilder(result).add("requestState", seal(round)))
        .build();
  }

  /** The gateway's state for a round, wrapping the upstream's (even none: the retry names it). */
  private String seal(Round round) {
    return round.request().state(round.id(), round.expiresAt(), round.upstreamState()).seal(box);
  }

  /**
   * A retry whose state (already opened and checked: sealed here, this agent, method, name and
   * arguments, unexpired) names a round; it goes on once. MRTR, "Error Handling": answers to what
   * was not asked are ignored (the upstream gets only the asked ones, {@link #answered}); a retry
   * that answers none of what was asked gets it asked again, under a new state, and the round
   * stays.
   */
  InputBridge.Retry resume(Request request, RequestState state, JsonObject answers) {
    Round round = rounds.get(state.awaitingId());
    if (round == null) {
      return InputBridge.refusedState(
          request, "requestState was already used, or its call has ended");
    }
    if (!round.asked().isEmpty() && round.asked().stream().noneMatch(answers::containsKey)) {
      JsonObject again =
          Jsonp.createObjectBuilder()
              .add("resultType", "input_required")
              .add("inputRequests", round.inputRequests())
              .add("requestState", seal(round))
              .build();
      return new InputBridge.Answered(JsonRpcResults.result(request.id(), again));
    }
    if (!rounds.remove(round.id(), round)) {
      return InputBridge.refusedState(
          request, "requestState was already used, or its call has ended");
    }
    return new InputBridge.Continued(round);
  }

  /**
   * The retry's params as the round's upstream gets them: {@code params} (the request under the
   * upstream's names, without the gateway's state) with the answers it asked for, if the retry
   * carries {@code inputResponses}, and its own state (none if it gave none: "the client MUST NOT
   * include one in the retry").
   */
  static JsonObject continued(Round round, JsonObject params, JsonValue inputResponses) {
    var retried = Jsonp.createObjectBuilder(RoundTripRequest.withoutRetryFields(params));
    if (inputResponses instanceof JsonObject answers) {
      retried.add("inputResponses", answered(round, answers));
    }
    round.upstreamState().ifPresent(state -> retried.add("requestState", state));
    return retried.build();
  }

  /** The answers of a retry that the round's upstream asked for; the others are ignored. */
  static JsonObject answered(Round round, JsonObject answers) {
    var asked = Jsonp.createObjectBuilder();
    answers.forEach(
        (key, answer) -> {
          if (round.asked().contains(key)) {
            asked.add(key, answer);
          }
        });
    return asked.build();
  }

  /**
   * Lets go of the rounds whose clients did not come back in time, auditing the end of each tool
   * call among them.
   */
  public void expire() {
    Instant now = clock.instant();
    for (Round round : rounds.values()) {
      if (round.expiresAt().isAfter(now) || !rounds.remove(round.id(), round)) {
        continue;
      }
      round.request().call().ifPresent(call -> notGiven(call, round.startedNanos()));
    }
  }

  private void notGiven(ToolCall call, long startedNanos) {
    try {
      pipeline.recordOutcome(
          call,
          "input_not_given",
          (System.nanoTime() - startedNanos) / 1_000_000,
          Optional.empty());
    } catch (AuditStoreException | PersistenceException | TransactionalException e) {
      LOG.log(Level.SEVERE, "audit outcome of call " + call.callId() + " not recorded", e);
    }
  }

  /** How many requests wait for a retry on this node. */
  public int waiting() {
    return rounds.size();
  }

  /**
   * An input-required result the gateway cannot carry: the request ends with a tool error, or a
   * JSON-RPC error where there is no tool.
   */
  private static JsonObject unusable(RoundTripRequest request, Request client, String why) {
    return request.failed(
        client.id(),
        "Upstream '" + request.upstream().name() + "' asked for input, but " + why + ".");
  }
}
