package io.countersign.gateway.mcp;

import io.countersign.audit.ArgumentsDigest;
import io.countersign.audit.AuditStoreException;
import io.countersign.gateway.hold.ApprovalAsks;
import io.countersign.gateway.hold.HeldCalls;
import io.countersign.gateway.jsonrpc.JsonRpcError;
import io.countersign.gateway.jsonrpc.JsonRpcMessage.Request;
import io.countersign.gateway.jsonrpc.JsonRpcResults;
import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.gateway.mcp.RelayedStream.Step;
import io.countersign.gateway.pipeline.CallOutcome;
import io.countersign.gateway.pipeline.Decided;
import io.countersign.gateway.pipeline.Decision;
import io.countersign.gateway.pipeline.HoldTicket;
import io.countersign.gateway.pipeline.ToolCall;
import io.countersign.gateway.pipeline.ToolCallPipeline;
import io.countersign.gateway.session.McpSession;
import io.countersign.gateway.tasks.AgentTasks;
import io.countersign.gateway.tools.ToolCatalog;
import io.countersign.gateway.tools.ToolCatalog.ResolvedTool;
import io.countersign.gateway.tools.ToolCatalog.Unavailable;
import io.countersign.gateway.tools.ToolCatalog.Unknown;
import io.countersign.gateway.upstream.UpstreamConnector;
import io.countersign.gateway.upstream.UpstreamReply;
import io.countersign.gateway.upstream.UpstreamStream;
import io.countersign.tenant.UpstreamEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code tools/call}: resolve the tool, let the pipeline decide (and audit), then forward an
 * allowed call to its upstream and record the outcome. Nothing is forwarded unless the decision's
 * audit entry committed.
 */
@ApplicationScoped
public class ToolCallHandler {

  private static final Logger LOG = Logger.getLogger(ToolCallHandler.class.getName());

  @Inject ToolCatalog catalog;
  @Inject ToolCallPipeline pipeline;
  @Inject UpstreamConnector connector;
  @Inject InFlightRequests inFlight;
  @Inject ServerRequests serverRequests;
  @Inject HeldCalls heldCalls;
  @Inject ApprovalAsks approvalAsks;
  @Inject InputBridge inputBridge;
  @Inject AgentTasks tasks;
  @Inject HeldCallTasks heldTasks;
  @Inject Confirmations confirmations;
  @Inject UpstreamRoundTrips roundTrips;
  @Inject SessionInputBridge sessionInputs;
  @Inject ModernUpstreamTasks modernUpstreamTasks;

  private final Clock clock = Clock.systemUTC();

  FrontReply handle(McpSession session, Request request) {
    JsonValue name = request.params().get("name");
    if (!(name instanceof jakarta.json.JsonString toolName)) {
      return error(request, JsonRpcError.invalidParams("'name' must be a string"));
    }
    JsonValue arguments = request.params().getOrDefault("arguments", JsonValue.EMPTY_JSON_OBJECT);
    if (arguments.getValueType() != JsonValue.ValueType.OBJECT) {
      return error(request, JsonRpcError.invalidParams("'arguments' must be an object"));
    }
    String digest = ArgumentsDigest.of(arguments.toString());
    Optional<String> malformed =
        session.modern() ? InputBridge.malformed(request.params()) : Optional.empty();
    if (malformed.isPresent()) {
      return error(request, JsonRpcError.invalidParams(malformed.get()));
    }
    if (session.modern() && InputBridge.isRetry(request.params())) {
      return resume(session, request, toolName.getString(), digest);
    }
    String callId = UUID.randomUUID().toString();
    var resolution = catalog.resolve(session, toolName.getString());
    try {
      if (resolution instanceof Unknown unknown) {
        pipeline.reject(
            callId, session, toolName.getString(), digest, unknown.reason(), "invalid_params");
        return error(request, JsonRpcError.invalidParams(unknown.reason()));
      }
      if (resolution instanceof Unavailable unavailable) {
        String why =
            "upstream '"
                + unavailable.upstream().name()
                + "' is unavailable: "
                + unavailable.failure().detail();
        pipeline.reject(callId, session, toolName.getString(), digest, why, "upstream_unavailable");
        return new FrontReply.Message(JsonRpcResults.toolError(request.id(), capitalised(why)));
      }
      var tool = (ResolvedTool) resolution;
      if (session.modern() && ModernTasks.needsTheExtension(request, tool.definition())) {
        pipeline.reject(
            callId,
            session,
            toolName.getString(),
            digest,
            "the tool runs only as a task and the client did not declare the tasks extension",
            "missing_capability");
        return new FrontReply.Message(ModernTasks.missingCapability(request));
      }
      if (!session.modern()
          && request.params().get("task") instanceof JsonObject
          && connector.speaksModern(tool.upstream())) {
        // 2025-11-25, "Tool-Level Negotiation": the gateway lists no taskSupport for such a tool
        String why = ModernUpstreamTasks.notForSessions(tool.upstream().name());
        pipeline.reject(callId, session, toolName.getString(), digest, why, "task_not_supported");
        return error(
            request, new JsonRpcError(JsonRpcError.METHOD_NOT_FOUND, "Method not found: " + why));
      }
      var call =
          new ToolCall(
              callId,
              session,
              tool.upstream(),
              tool.name(),
              tool.definition(),
              arguments.asJsonObject(),
              digest,
              clock.instant());
      return act(pipeline.decide(call), call, request);
    } catch (AuditStoreException | PersistenceException | TransactionalException e) {
      LOG.log(Level.SEVERE, "audit write failed; call " + callId + " not forwarded", e);
      return error(
          request,
          new JsonRpcError(
              JsonRpcError.INTERNAL_ERROR,
              "The call was not forwarded: the audit log could not record the decision."));
    }
  }

  private FrontReply act(Decided decided, ToolCall call, Request request) {
    Decision decision = decided.decision();
    if (decision instanceof Decision.Deny deny) {
      return new FrontReply.Message(
          JsonRpcResults.toolError(
              request.id(), "Denied by policy rule '" + deny.rule() + "': " + deny.reason()));
    }
    if (decision instanceof Decision.Confirm confirm) {
      return call.session().modern()
          ? new FrontReply.Message(confirmations.inputRequired(call, request, confirm))
          : confirmations.ask(call, request, confirm);
    }
    if (decision instanceof Decision.Hold) {
      HoldTicket ticket = decided.ticket().orElseThrow();
      if (!ticket.joined()) {
        approvalAsks.enqueue(call.tenantId(), ticket.heldCallId());
      }
      if (HeldCallTasks.asked(call.session(), request)) {
        return new FrontReply.Message(heldTasks.created(call, ticket.heldCallId(), request));
      }
      if (!call.session().modern()) {
        // notifications/cancelled names the request; 2026-07-28 cancels by closing the stream
        heldCalls.waiting(call.session(), request.id(), ticket.heldCallId());
      }
      return new FrontReply.Held(
          call.tenantId(),
          ticket.heldCallId(),
          request.id(),
          progressToken(request),
          call.session().modern());
    }
    return forward(call, request, Optional.empty());
  }

  /** The request's {@code _meta.progressToken}: progress notifications are sent only with one. */
  private static Optional<JsonValue> progressToken(Request request) {
    JsonValue meta = request.params().get("_meta");
    return meta instanceof JsonObject object
        ? Optional.ofNullable(object.get("progressToken"))
        : Optional.empty();
  }

  /**
   * The call as its upstream gets it: under the upstream's tool name, without what only concerned
   * the gateway (a 2026-07-28 retry's state and answers), as a 2025 task when {@code asTask}.
   */
  static JsonObject upstreamMessage(ToolCall call, Request request, boolean asTask) {
    var params =
        Jsonp.createObjectBuilder(request.params())
            .add("name", call.tool())
            .remove("requestState")
            .remove("inputResponses");
    if (!asTask) {
      params.remove("task");
    } else if (call.session().modern()) {
      // the 2025 upstream's task behind the client's 2026-07-28 one
      params.add("task", Jsonp.createObjectBuilder().add("ttl", ModernTasks.ASKED_TTL_MS));
    }
    return Jsonp.createObjectBuilder(request.json()).add("params", params).build();
  }

  /**
   * The call as its 2026-07-28 upstream gets it. The retry of a round: the client's answers to what
   * the upstream asked, and the upstream's own state ({@link UpstreamRoundTrips#continued}). A new
   * call (no {@code requestState}: the gateway asked nothing) keeps its {@code inputResponses}: the
   * gateway decided it as any call, and whether they answer anything is the upstream's to judge
   * (MRTR, "Error Handling": it ignores what it does not need, and asks for what is missing). A
   * 2025 upstream gets no answers: it asks on the call's stream.
   */
  private static JsonObject retried(
      JsonObject message,
      Request request,
      Optional<UpstreamRoundTrips.Round> continuing,
      boolean modernUpstream) {
    JsonValue answers = request.params().get("inputResponses");
    if (continuing.isPresent()) {
      JsonObject params =
          UpstreamRoundTrips.continued(continuing.get(), message.getJsonObject("params"), answers);
      return Jsonp.createObjectBuilder(message).add("params", params).build();
    }
    boolean freshAnswers =
        modernUpstream && !InputBridge.isRetry(request.params()) && answers instanceof JsonObject;
    if (!freshAnswers) {
      return message;
    }
    var params = Jsonp.createObjectBuilder(message.getJsonObject("params"));
    params.add("inputResponses", answers);
    return Jsonp.createObjectBuilder(message).add("params", params).build();
  }

  /** Why an upstream gave no answer, for the agent's tool error result. */
  static String upstreamFailure(ToolCall call, UpstreamReply reply) {
    return upstreamFailure(call.upstream(), reply);
  }

  /** Why an upstream gave no answer, in words. */
  static String upstreamFailure(UpstreamEndpoint upstream, UpstreamReply reply) {
    String detail =
        reply instanceof UpstreamReply.Failed failed
            ? failed.failure().detail()
            : "it accepted the request without answering it";
    return "Upstream '" + upstream.name() + "' failed: " + detail;
  }

  /**
   * Sends the call to its upstream. {@code continuing}: the retry of a round whose input a
   * 2026-07-28 upstream required, which carries the client's answers and the upstream's state.
   */
  private FrontReply forward(
      ToolCall call, Request request, Optional<UpstreamRoundTrips.Round> continuing) {
    boolean modernUpstream = connector.speaksModern(call.upstream());
    boolean asTask =
        !modernUpstream
            && (call.session().modern()
                ? ModernTasks.asTask(request, call.definition())
                : request.params().get("task") instanceof JsonObject);
    // a 2026-07-28 upstream may answer a client that declared the tasks extension with a task
    boolean taskMayCome =
        asTask || (modernUpstream && call.session().modern() && ModernTasks.declared(request));
    JsonObject message =
        retried(upstreamMessage(call, request, asTask), request, continuing, modernUpstream);
    long started = continuing.map(UpstreamRoundTrips.Round::startedNanos).orElse(System.nanoTime());
    inFlight.started(call.session().id(), request.id(), call.upstream());
    UpstreamReply reply;
    try {
      reply = connector.send(call.session(), call.upstream(), message);
    } catch (RuntimeException e) {
      inFlight.finished(call.session().id(), request.id());
      throw e;
    }
    boolean bridged =
        modernUpstream
            && !call.session().modern()
            && (reply instanceof UpstreamReply.Stream
                || (reply instanceof UpstreamReply.Json json
                    && UpstreamRoundTrips.inputRequired(json.message())));
    if (bridged) {
      inFlight.finished(call.session().id(), request.id());
      return sessionInputs.relay(RoundTripRequest.of(call, request), request, reply, started);
    }
    if (reply instanceof UpstreamReply.Stream stream) {
      return relay(call, request, stream.stream(), request.id(), started, taskMayCome);
    }
    inFlight.finished(call.session().id(), request.id());
    if (reply instanceof UpstreamReply.Json json) {
      JsonObject response = taskMayCome ? adopted(call, json.message()) : json.message();
      if (call.session().modern()) {
        response =
            roundTrips.relayed(RoundTripRequest.of(call, request), request, response, started);
        if (UpstreamRoundTrips.inputRequired(response)) {
          // the call goes on with the client's retry: its outcome is recorded when the last round
          // ends
          return new FrontReply.Message(response);
        }
      }
      if (taskMayCome && UpstreamTaskEnds.created(response)) {
        // the call goes on as the upstream's task: its outcome is recorded when the task ends
        return new FrontReply.Message(response);
      }
      record(call, CallOutcome.of(response), started, answerOf(response));
      return new FrontReply.Message(response);
    }
    record(
        call,
        reply instanceof UpstreamReply.Failed failed
            ? "upstream_" + failed.failure().kind().name().toLowerCase()
            : "upstream_malformed",
        started,
        Optional.empty());
    return new FrontReply.Message(
        JsonRpcResults.toolError(request.id(), upstreamFailure(call, reply)));
  }

  /**
   * Relays the upstream's stream of a call to the client's request. A 2026-07-28 client's stream
   * may end input-required ({@link InputBridge}); the call's outcome is then recorded when its
   * retry's stream ends. A stream that ends with a created task ({@code asTask}: the call may make
   * one) leaves the outcome to the task's end ({@link UpstreamTaskEnds}).
   */
  private FrontReply relay(
      ToolCall call,
      Request request,
      UpstreamStream stream,
      JsonValue upstreamRequestId,
      long started,
      boolean asTask) {
    return new FrontReply.EventStream(
        new RelayedStream(
            stream,
            upstreamRequestId,
            call.upstream().readTimeout(),
            call.upstream().name(),
            call.session().modern()
                ? data ->
                    adopted(
                        call,
                        request,
                        asTask,
                        inputBridge.relay(call, request, upstreamRequestId, stream, started, data))
                : data -> new Step.Pass(legacyRelay(call, request, asTask, data)),
            relayed -> {
              inFlight.finished(call.session().id(), request.id());
              if (relayed.ending() == RelayedStream.Ending.HANDED_ON
                  || UpstreamRoundTrips.inputRequired(relayed.response())
                  || (asTask && UpstreamTaskEnds.created(relayed.response()))) {
                return;
              }
              String outcome =
                  relayed.response() != null
                      ? CallOutcome.of(relayed.response())
                      : "relay_" + relayed.ending().name().toLowerCase();
              record(
                  call,
                  outcome,
                  started,
                  Optional.ofNullable(relayed.response()).flatMap(ToolCallHandler::answerOf));
            }));
  }

  /**
   * An upstream's event on its way to a client of the session eras: requests of the upstream get an
   * id of the gateway's ({@link ServerRequests}); the task a task-augmented call created is named
   * by the gateway's id ({@link AgentTasks}).
   */
  private String legacyRelay(ToolCall call, Request request, boolean asTask, String data) {
    String relayed = serverRequests.relay(call.session(), call.upstream(), data);
    return asTask ? tasks.adopt(call, request.id(), relayed) : relayed;
  }

  /** A 2026-07-28 client's event, with the task a task call created named and shaped for it. */
  private Step adopted(ToolCall call, Request request, boolean asTask, Step step) {
    if (!asTask || !(step instanceof Step.Pass pass)) {
      return step;
    }
    return UpstreamMessagesView.responseTo(pass.data(), request.id())
        .<Step>map(response -> new Step.Pass(adopted(call, response).toString()))
        .orElse(step);
  }

  /** The upstream's response to a task call, its task named by the gateway's id. */
  private JsonObject adopted(ToolCall call, JsonObject response) {
    if (connector.speaksModern(call.upstream())) {
      return modernUpstreamTasks.adopt(call, response);
    }
    JsonObject adopted = tasks.adopt(call, response);
    return call.session().modern() ? ModernTasks.created(adopted) : adopted;
  }

  /**
   * A 2026-07-28 client's retry of a call that required input: the call was decided and audited
   * when first asked, so the retry is not decided again; it continues the upstream's stream.
   */
  private FrontReply resume(McpSession session, Request request, String tool, String digest) {
    var retry = inputBridge.resume(session, request, tool, digest);
    if (retry instanceof InputBridge.Answered answered) {
      return new FrontReply.Message(answered.response());
    }
    if (retry instanceof InputBridge.Confirmed confirmed) {
      // the user confirmed, and that is audited: the call goes on as decided in the first round
      return forward(confirmed.call(), request, Optional.empty());
    }
    if (retry instanceof InputBridge.Continued continued) {
      // a round of a tools/call (its state names the method) carries the decided call
      ToolCall call = continued.round().request().call().orElseThrow();
      return forward(call, request, Optional.of(continued.round()));
    }
    var waiting = ((InputBridge.Resumed) retry).awaiting();
    return relay(
        waiting.call(),
        request,
        waiting.stream(),
        waiting.upstreamRequestId(),
        waiting.startedNanos(),
        false);
  }

  private void record(
      ToolCall call, String outcome, long startedNanos, Optional<JsonObject> answer) {
    try {
      pipeline.recordOutcome(call, outcome, (System.nanoTime() - startedNanos) / 1_000_000, answer);
    } catch (AuditStoreException | PersistenceException | TransactionalException e) {
      LOG.log(Level.SEVERE, "audit outcome of call " + call.callId() + " not recorded", e);
    }
  }

  /** The upstream's result or error object: what the agent got back. */
  private static Optional<JsonObject> answerOf(JsonObject response) {
    JsonValue answer =
        response.containsKey("error") ? response.get("error") : response.get("result");
    return answer instanceof JsonObject object ? Optional.of(object) : Optional.empty();
  }

  private static String capitalised(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  private static FrontReply error(Request request, JsonRpcError error) {
    return new FrontReply.Message(error.toResponse(request.id()));
  }
}
