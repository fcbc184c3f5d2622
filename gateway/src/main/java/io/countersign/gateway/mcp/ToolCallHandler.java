package io.countersign.gateway.mcp;

import io.countersign.audit.ArgumentsDigest;
import io.countersign.audit.AuditStoreException;
import io.countersign.gateway.hold.ApprovalAsks;
import io.countersign.gateway.hold.HeldCalls;
import io.countersign.gateway.jsonrpc.JsonRpcError;
import io.countersign.gateway.jsonrpc.JsonRpcMessage.Request;
import io.countersign.gateway.jsonrpc.JsonRpcResults;
import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.gateway.pipeline.CallOutcome;
import io.countersign.gateway.pipeline.Decided;
import io.countersign.gateway.pipeline.Decision;
import io.countersign.gateway.pipeline.HoldTicket;
import io.countersign.gateway.pipeline.ToolCall;
import io.countersign.gateway.pipeline.ToolCallPipeline;
import io.countersign.gateway.session.McpSession;
import io.countersign.gateway.tools.ToolCatalog;
import io.countersign.gateway.tools.ToolCatalog.ResolvedTool;
import io.countersign.gateway.tools.ToolCatalog.Unavailable;
import io.countersign.gateway.tools.ToolCatalog.Unknown;
import io.countersign.gateway.upstream.UpstreamConnector;
import io.countersign.gateway.upstream.UpstreamReply;
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
    String callId = UUID.randomUUID().toString();
    String digest = ArgumentsDigest.of(arguments.toString());
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
    if (decision instanceof Decision.Hold) {
      HoldTicket ticket = decided.ticket().orElseThrow();
      if (!call.session().modern()) {
        // notifications/cancelled names the request; 2026-07-28 cancels by closing the stream
        heldCalls.waiting(call.session(), request.id(), ticket.heldCallId());
      }
      if (!ticket.joined()) {
        approvalAsks.enqueue(call.tenantId(), ticket.heldCallId());
      }
      return new FrontReply.Held(
          call.tenantId(),
          ticket.heldCallId(),
          request.id(),
          progressToken(request),
          call.session().modern());
    }
    return forward(call, request);
  }

  /** The request's {@code _meta.progressToken}: progress notifications are sent only with one. */
  private static Optional<JsonValue> progressToken(Request request) {
    JsonValue meta = request.params().get("_meta");
    return meta instanceof JsonObject object
        ? Optional.ofNullable(object.get("progressToken"))
        : Optional.empty();
  }

  private FrontReply forward(ToolCall call, Request request) {
    JsonObject params =
        Jsonp.createObjectBuilder(request.params()).add("name", call.tool()).build();
    JsonObject message = Jsonp.createObjectBuilder(request.json()).add("params", params).build();
    long started = System.nanoTime();
    inFlight.started(call.session().id(), request.id(), call.upstream());
    UpstreamReply reply;
    try {
      reply = connector.send(call.session(), call.upstream(), message);
    } catch (RuntimeException e) {
      inFlight.finished(call.session().id(), request.id());
      throw e;
    }
    if (reply instanceof UpstreamReply.Stream stream) {
      return new FrontReply.EventStream(
          new RelayedStream(
              stream.stream(),
              request.id(),
              call.upstream().readTimeout(),
              call.upstream().name(),
              call.session().modern()
                  ? data -> modernRelay(call, request.id(), data)
                  : data -> serverRequests.relay(call.session(), call.upstream(), data),
              relayed -> {
                inFlight.finished(call.session().id(), request.id());
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
    inFlight.finished(call.session().id(), request.id());
    if (reply instanceof UpstreamReply.Json json) {
      record(call, CallOutcome.of(json.message()), started, answerOf(json.message()));
      return new FrontReply.Message(json.message());
    }
    String detail =
        reply instanceof UpstreamReply.Failed failed
            ? failed.failure().detail()
            : "it accepted the request without answering it";
    record(
        call,
        reply instanceof UpstreamReply.Failed failed
            ? "upstream_" + failed.failure().kind().name().toLowerCase()
            : "upstream_malformed",
        started,
        Optional.empty());
    return new FrontReply.Message(
        JsonRpcResults.toolError(
            request.id(), "Upstream '" + call.upstream().name() + "' failed: " + detail));
  }

  /**
   * An upstream's event on its way to a 2026-07-28 client: the response gets its {@code
   * resultType}; a request the upstream makes of the client (which 2026-07-28 carries differently,
   * as an input-required result) is answered with an error for the upstream and not relayed, so the
   * upstream does not wait for an answer that cannot come. Notifications pass unchanged.
   */
  private String modernRelay(ToolCall call, JsonValue requestId, String data) {
    JsonObject message;
    try (var reader = Jsonp.createReader(new java.io.StringReader(data))) {
      JsonValue value = reader.readValue();
      if (!(value instanceof JsonObject object)) {
        return data;
      }
      message = object;
    } catch (jakarta.json.JsonException e) {
      return data;
    }
    if (message.containsKey("method") && message.containsKey("id")) {
      JsonObject refusal =
          new JsonRpcError(
                  JsonRpcError.METHOD_NOT_FOUND,
                  "the client speaks MCP 2026-07-28; Countersign does not relay '"
                      + message.getString("method", "")
                      + "' to it yet")
              .toResponse(message.get("id"));
      try {
        connector.send(call.session(), call.upstream(), refusal);
      } catch (RuntimeException e) {
        LOG.fine("upstream '" + call.upstream().name() + "' not told: " + e.getMessage());
      }
      return null;
    }
    if (requestId.equals(message.get("id"))) {
      return ModernFront.complete(message, false).toString();
    }
    return data;
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
