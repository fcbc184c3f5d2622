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
 * Round-Trip Requests"). The client gets the upstream's {@code inputRequests} as they are, and a
 * {@code requestState} of the gateway's: sealed ({@link RequestState}), bound to the agent, tenant,
 * tool and arguments' digest, wrapping the upstream's own state. The retry is checked like any
 * other ({@link InputBridge#resume}), answers only what was asked, is good once, and goes to the
 * upstream with the upstream's state; it is not decided again (the call was decided and audited
 * when first asked), and the call's outcome is audited once, when a round ends without requiring
 * input, or as {@code input_not_given} when the client does not come back in time.
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
   * A call whose upstream requires input: what it asked (the keys of its {@code inputRequests}) and
   * the state it wants back.
   */
  record Round(
      String id,
      ToolCall call,
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
  JsonObject relayed(ToolCall call, Request client, JsonObject response, long startedNanos) {
    if (!inputRequired(response)) {
      return response;
    }
    JsonObject result = response.getJsonObject("result");
    JsonValue upstreamState = result.get("requestState");
    if (upstreamState != null && !(upstreamState instanceof JsonString)) {
      return unusable(call, client, "its requestState is not a string");
    }
    Optional<String> state =
        upstreamState == null
            ? Optional.empty()
            : Optional.of(((JsonString) upstreamState).getString());
    if (state.map(String::length).orElse(0) > RequestState.MAX_UPSTREAM_STATE_CHARS) {
      return unusable(call, client, "its requestState is longer than the gateway carries");
    }
    JsonObject asked =
        result.get("inputRequests") instanceof JsonObject requests
            ? requests
            : JsonValue.EMPTY_JSON_OBJECT;
    var round =
        new Round(
            ID_PREFIX + UnguessableIds.of(18),
            call,
            asked,
            state,
            startedNanos,
            clock.instant().plus(inputWait));
    rounds.put(round.id(), round);
    return Jsonp.createObjectBuilder(response)
        .add("id", client.id())
        .add("result", Jsonp.createObjectBuilder(result).add("requestState", seal(round, client)))
        .build();
  }

  /** The gateway's state for a round, wrapping the upstream's (even none: the retry names it). */
  private String seal(Round round, Request client) {
    return new RequestState(
            round.id(),
            round.call().tenantId(),
            round.call().agent().agentId(),
            client.params().getString("name", ""),
            round.call().argumentsDigest(),
            round.expiresAt(),
            round.upstreamState())
        .seal(box);
  }

  /**
   * A retry whose state (already opened and checked: sealed here, this agent, tool and arguments,
   * unexpired) names a round; it goes on once. MRTR, "Error Handling": answers to what was not
   * asked are ignored (the upstream gets only the asked ones, {@link #answered}); a retry that
   * answers none of what was asked gets it asked again, under a new state, and the round stays.
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
              .add("requestState", seal(round, request))
              .build();
      return new InputBridge.Answered(JsonRpcResults.result(request.id(), again));
    }
    if (!rounds.remove(round.id(), round)) {
      return InputBridge.refusedState(
          request, "requestState was already used, or its call has ended");
    }
    return new InputBridge.Continued(round);
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

  /** Lets go of the rounds whose clients did not come back in time, auditing each call's end. */
  public void expire() {
    Instant now = clock.instant();
    for (Round round : rounds.values()) {
      if (round.expiresAt().isAfter(now) || !rounds.remove(round.id(), round)) {
        continue;
      }
      try {
        pipeline.recordOutcome(
            round.call(),
            "input_not_given",
            (System.nanoTime() - round.startedNanos()) / 1_000_000,
            Optional.empty());
      } catch (AuditStoreException | PersistenceException | TransactionalException e) {
        LOG.log(
            Level.SEVERE, "audit outcome of call " + round.call().callId() + " not recorded", e);
      }
    }
  }

  /** How many calls wait for a retry on this node. */
  public int waiting() {
    return rounds.size();
  }

  /** An input-required result the gateway cannot carry: the call ends with a tool error. */
  private static JsonObject unusable(ToolCall call, Request client, String why) {
    return JsonRpcResults.toolError(
        client.id(), "Upstream '" + call.upstream().name() + "' asked for input, but " + why + ".");
  }
}
