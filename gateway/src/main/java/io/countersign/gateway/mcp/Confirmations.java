package io.countersign.gateway.mcp;

import io.countersign.audit.AuditStoreException;
import io.countersign.gateway.jsonrpc.JsonRpcMessage.Request;
import io.countersign.gateway.jsonrpc.JsonRpcMessage.Response;
import io.countersign.gateway.jsonrpc.JsonRpcResults;
import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.gateway.mcp.RelayedStream.Step;
import io.countersign.gateway.pipeline.CallOutcome;
import io.countersign.gateway.pipeline.Decision;
import io.countersign.gateway.pipeline.ToolCall;
import io.countersign.gateway.pipeline.ToolCallPipeline;
import io.countersign.gateway.session.McpSession;
import io.countersign.gateway.session.UnguessableIds;
import io.countersign.gateway.upstream.UpstreamConnector;
import io.countersign.gateway.upstream.UpstreamReply;
import io.countersign.gateway.upstream.UpstreamStream;
import io.countersign.tenant.secret.SecretBox;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@code confirm} action: a call goes through once the requesting user confirms it in their own
 * client, a lighter check than approvers. The user is asked by an elicitation ({@code
 * elicitation/create}, form mode, no fields: accept confirms) on the call's own stream in the
 * session eras, and by an input-required result in 2026-07-28, whose retry carries the answer. The
 * answer is audited ({@code tool_call.confirmation}) before a confirmed call is forwarded; a
 * decline, a cancel, a client that cannot be asked or does not answer within {@code
 * countersign.mcp.input-wait} ends the call with nothing run. A question waits on the node that
 * asked it, like awaited input ({@link InputBridge}): should the node stop, the call was never run.
 */
@ApplicationScoped
public class Confirmations {

  private static final Logger LOG = Logger.getLogger(Confirmations.class.getName());

  /** The key of the question in a 2026-07-28 input-required result. */
  static final String INPUT_KEY = "confirm";

  /** Every confirmation's id starts so: the elicitation's request id, the state's awaited id. */
  static final String ID_PREFIX = "cs-confirm-";

  /** Arguments longer than this are cut in the default question. */
  private static final int ARGUMENTS_SHOWN = 300;

  @Inject ToolCallPipeline pipeline;
  @Inject UpstreamConnector connector;
  @Inject ServerRequests serverRequests;
  @Inject SecretBox box;
  @Resource ManagedExecutorService executor;

  @Inject
  @ConfigProperty(name = "countersign.mcp.input-wait", defaultValue = "PT5M")
  Duration inputWait;

  private final Clock clock = Clock.systemUTC();

  /**
   * A call waiting for its user's answer: on the client's stream ({@code stream}, session eras) or
   * for a retry (2026-07-28). {@code forwarded}: it was confirmed and sent on.
   */
  record Pending(
      String id,
      ToolCall call,
      Request request,
      String question,
      Instant expiresAt,
      Optional<UpstreamStream> stream,
      long startedNanos,
      AtomicBoolean forwarded) {}

  private final Map<String, Pending> pending = new ConcurrentHashMap<>();

  /** Whether an awaited id is a confirmation's. */
  static boolean owns(String awaitingId) {
    return awaitingId.startsWith(ID_PREFIX);
  }

  /**
   * A session era's call: the elicitation goes out on the call's stream, which then carries the
   * upstream's answer once confirmed, or a tool error saying why nothing ran.
   */
  FrontReply ask(ToolCall call, Request request, Decision.Confirm confirm) {
    if (!call.session().upstreamCapabilities().containsKey("elicitation")) {
      return new FrontReply.Message(cannotAsk(call, request));
    }
    UpstreamStream stream = UpstreamStream.local();
    Pending waiting = waiting(call, request, confirm, Optional.of(stream));
    stream.push(
        Jsonp.createObjectBuilder()
            .add("jsonrpc", "2.0")
            .add("id", waiting.id())
            .add("method", "elicitation/create")
            .add("params", question(waiting))
            .build()
            .toString());
    return new FrontReply.EventStream(
        new RelayedStream(
            stream,
            request.id(),
            inputWait.plus(call.upstream().readTimeout()),
            call.upstream().name(),
            Step.Pass::new,
            relayed -> ended(waiting, relayed)));
  }

  /** A 2026-07-28 call: the question as an input-required result with a sealed state. */
  JsonObject inputRequired(ToolCall call, Request request, Decision.Confirm confirm) {
    boolean declared =
        ModernEnvelope.clientCapabilities(request)
            .map(capabilities -> capabilities.containsKey("elicitation"))
            .orElse(false);
    if (!declared) {
      return cannotAsk(call, request);
    }
    return inputRequired(waiting(call, request, confirm, Optional.empty()), request);
  }

  private JsonObject inputRequired(Pending waiting, Request request) {
    var state =
        RequestState.ofToolCall(
            waiting.id(),
            waiting.call().tenantId(),
            waiting.call().agent().agentId(),
            request.params().getString("name"),
            waiting.call().argumentsDigest(),
            waiting.expiresAt());
    var asked =
        Jsonp.createObjectBuilder()
            .add("method", "elicitation/create")
            .add("params", question(waiting));
    JsonObject result =
        Jsonp.createObjectBuilder()
            .add("resultType", "input_required")
            .add("inputRequests", Jsonp.createObjectBuilder().add(INPUT_KEY, asked))
            .add("requestState", state.seal(box))
            .build();
    return JsonRpcResults.result(request.id(), result);
  }

  /**
   * A session era client's response: when it answers a confirmation of this session, the call goes
   * on (off the request thread) and {@code true} is returned; an answer from another session, or a
   * second answer, is dropped.
   */
  boolean answered(McpSession session, Response response) {
    if (!(response.id() instanceof JsonString id) || !owns(id.getString())) {
      return false;
    }
    Pending waiting = pending.get(id.getString());
    if (waiting == null
        || !waiting.call().session().id().equals(session.id())
        || !pending.remove(id.getString(), waiting)) {
      return true;
    }
    String action =
        response.json().get("result") instanceof JsonObject result
            ? result.getString("action", "cancel")
            : "cancel";
    executor.execute(() -> answer(waiting, action));
    return true;
  }

  /** What a 2026-07-28 retry that answers a confirmation leads to. */
  sealed interface Answer {}

  /** Confirmed and audited: forward the call. */
  record Confirmed(ToolCall call) implements Answer {}

  /** Answer the retry with this message (declined, asked again, or an error). */
  record Replied(JsonObject response) implements Answer {}

  /**
   * A 2026-07-28 retry whose state names a confirmation (already checked: sealed here, this agent,
   * tool and arguments, unexpired). {@code answers} are the retry's {@code inputResponses}.
   */
  Optional<Answer> resume(Request request, String awaitingId, JsonObject answers) {
    Pending waiting = pending.get(awaitingId);
    if (waiting == null || waiting.stream().isPresent()) {
      return Optional.empty();
    }
    JsonValue answer = answers.get(INPUT_KEY);
    if (answer == null) {
      return Optional.of(new Replied(inputRequired(waiting, request)));
    }
    if (!(answer instanceof JsonObject given) || !pending.remove(awaitingId, waiting)) {
      return Optional.empty();
    }
    String action = given.getString("action", "cancel");
    if (!"accept".equals(action) || !audited(waiting.call(), "confirmed")) {
      if (!"accept".equals(action)) {
        audited(waiting.call(), outcomeOf(action));
      }
      return Optional.of(new Replied(notRun(request.id(), action)));
    }
    return Optional.of(new Confirmed(waiting.call()));
  }

  /**
   * Ends the questions nobody answered in time: a session era's stream gets a tool error and ends;
   * every one is audited as {@code not_answered}.
   */
  public void expire() {
    Instant now = clock.instant();
    for (Pending waiting : pending.values()) {
      if (waiting.expiresAt().isAfter(now) || !pending.remove(waiting.id(), waiting)) {
        continue;
      }
      audited(waiting.call(), "not_answered");
      waiting.stream()
          .ifPresent(
              stream -> {
                stream.push(notRun(waiting.request().id(), "timeout").toString());
                stream.end("not answered");
              });
    }
  }

  /** How many calls wait for their user's confirmation on this node. */
  public int waiting() {
    return pending.size();
  }

  private Pending waiting(
      ToolCall call, Request request, Decision.Confirm confirm, Optional<UpstreamStream> stream) {
    var waiting =
        new Pending(
            ID_PREFIX + UnguessableIds.of(18),
            call,
            request,
            question(call, confirm),
            clock.instant().plus(inputWait),
            stream,
            System.nanoTime(),
            new AtomicBoolean());
    pending.put(waiting.id(), waiting);
    return waiting;
  }

  /** The session era's answer: forward the confirmed call, or end its stream saying why not. */
  private void answer(Pending waiting, String action) {
    UpstreamStream stream = waiting.stream().orElseThrow();
    if (!"accept".equals(action) || !audited(waiting.call(), "confirmed")) {
      if (!"accept".equals(action)) {
        audited(waiting.call(), outcomeOf(action));
      }
      stream.push(notRun(waiting.request().id(), action).toString());
      stream.end("answered");
      return;
    }
    waiting.forwarded().set(true);
    ToolCall call = waiting.call();
    UpstreamReply reply;
    try {
      reply =
          connector.send(
              call.session(),
              call.upstream(),
              ToolCallHandler.upstreamMessage(call, waiting.request(), false));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "confirmed call " + call.callId() + " could not be sent", e);
      reply =
          new UpstreamReply.Failed(
              new io.countersign.gateway.upstream.UpstreamFailure(
                  io.countersign.gateway.upstream.UpstreamFailure.Kind.MALFORMED,
                  String.valueOf(e.getMessage())));
    }
    if (reply instanceof UpstreamReply.Stream upstream) {
      pump(upstream.stream(), stream, waiting);
      return;
    }
    JsonObject response =
        reply instanceof UpstreamReply.Json json
            ? json.message()
            : JsonRpcResults.toolError(
                waiting.request().id(), ToolCallHandler.upstreamFailure(call, reply));
    stream.push(response.toString());
    stream.end("answered");
  }

  /** Copies the upstream's stream of the confirmed call to the client's, until its response. */
  private void pump(UpstreamStream from, UpstreamStream to, Pending waiting) {
    ToolCall call = waiting.call();
    try (from) {
      while (true) {
        var next = from.next(call.upstream().readTimeout());
        if (next instanceof UpstreamStream.Event event) {
          if (!event.event().carriesMessage()) {
            continue;
          }
          String data = serverRequests.relay(call.session(), call.upstream(), event.event().data());
          to.push(data);
          if (UpstreamMessagesView.responseTo(data, waiting.request().id()).isPresent()) {
            return;
          }
        } else {
          to.end(next instanceof UpstreamStream.End end ? end.reason() : "upstream idle");
          return;
        }
      }
    }
  }

  /** The client's stream ended: the outcome of a forwarded call, or a question left unanswered. */
  private void ended(Pending waiting, RelayedStream.Relayed relayed) {
    if (pending.remove(waiting.id(), waiting)) {
      audited(waiting.call(), "not_answered");
      return;
    }
    if (!waiting.forwarded().get()) {
      return;
    }
    String outcome =
        relayed.response() != null
            ? CallOutcome.of(relayed.response())
            : "relay_" + relayed.ending().name().toLowerCase(java.util.Locale.ROOT);
    JsonValue answer =
        relayed.response() == null
            ? null
            : relayed.response().containsKey("error")
                ? relayed.response().get("error")
                : relayed.response().get("result");
    try {
      pipeline.recordOutcome(
          waiting.call(),
          outcome,
          (System.nanoTime() - waiting.startedNanos()) / 1_000_000,
          answer instanceof JsonObject object ? Optional.of(object) : Optional.empty());
    } catch (AuditStoreException | PersistenceException | TransactionalException e) {
      LOG.log(
          Level.SEVERE, "audit outcome of call " + waiting.call().callId() + " not recorded", e);
    }
  }

  /** Records the user's answer; {@code false} when the audit log could not (nothing may run). */
  private boolean audited(ToolCall call, String outcome) {
    try {
      pipeline.recordConfirmation(call, outcome, Optional.empty());
      return true;
    } catch (AuditStoreException | PersistenceException | TransactionalException e) {
      LOG.log(Level.SEVERE, "confirmation of call " + call.callId() + " not recorded", e);
      return false;
    }
  }

  private JsonObject cannotAsk(ToolCall call, Request request) {
    audited(call, "cannot_ask");
    return JsonRpcResults.toolError(
        request.id(),
        "This call needs your confirmation, but your client cannot be asked: it did not declare"
            + " the elicitation capability. Nothing was executed.");
  }

  private static JsonObject notRun(JsonValue id, String action) {
    String why =
        switch (action) {
          case "decline" -> "You declined this call";
          case "timeout" -> "This call was not confirmed in time";
          case "accept" -> "Your confirmation could not be recorded in the audit log";
          default -> "The confirmation was cancelled";
        };
    return JsonRpcResults.toolError(id, why + ". Nothing was executed.");
  }

  private static String outcomeOf(String action) {
    return "decline".equals(action) ? "declined" : "cancelled";
  }

  /** The elicitation's parameters: the question, and no fields (accepting is confirming). */
  private static JsonObject question(Pending waiting) {
    return Jsonp.createObjectBuilder()
        .add("message", waiting.question())
        .add(
            "requestedSchema",
            Jsonp.createObjectBuilder()
                .add("type", "object")
                .add("properties", JsonValue.EMPTY_JSON_OBJECT))
        .build();
  }

  /** "Allow agent ops-bot to run delete_orders on shop with {...}?" */
  /**
   * The rule's message, else the default question; followed by the rule's risk, if it gives one.
   */
  static String question(ToolCall call, Decision.Confirm confirm) {
    return confirm.message().orElseGet(() -> defaultQuestion(call))
        + confirm.risk().map(risk -> " (risk: " + risk.word() + ")").orElse("");
  }

  static String defaultQuestion(ToolCall call) {
    String arguments = call.arguments().toString();
    if (arguments.length() > ARGUMENTS_SHOWN) {
      arguments = arguments.substring(0, ARGUMENTS_SHOWN) + "…";
    }
    return "Allow agent "
        + call.agent().agentName()
        + " to run "
        + call.tool()
        + " on "
        + call.upstream().name()
        + " with "
        + arguments
        + "?";
  }
}
