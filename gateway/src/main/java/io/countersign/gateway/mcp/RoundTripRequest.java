package io.countersign.gateway.mcp;

import io.countersign.audit.ArgumentsDigest;
import io.countersign.gateway.jsonrpc.JsonRpcError;
import io.countersign.gateway.jsonrpc.JsonRpcMessage.Request;
import io.countersign.gateway.jsonrpc.JsonRpcResults;
import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.gateway.pipeline.ToolCall;
import io.countersign.gateway.session.McpSession;
import io.countersign.tenant.UpstreamEndpoint;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A client's request that a 2026-07-28 upstream may answer input-required, as the input bridges
 * carry it from round to round ({@link UpstreamRoundTrips}, {@link SessionInputBridge}): who asked,
 * which upstream, the request's params as that upstream gets them, and what a retry must repeat
 * (the method, the name as the client wrote it, the digest of the arguments). A {@code tools/call}
 * carries the call the pipeline decided, whose outcome is audited once; {@code prompts/get} and
 * {@code resources/read} are not decided by policy and, like every catalog request, leave no audit
 * entry.
 */
record RoundTripRequest(
    McpSession session,
    UpstreamEndpoint upstream,
    String method,
    String name,
    String argumentsDigest,
    JsonObject params,
    Optional<ToolCall> call) {

  /**
   * "Multi Round-Trip Requests", "Supported Requests": the methods a server may answer with an
   * InputRequiredResult ("Servers MUST NOT send InputRequiredResult responses on any other client
   * requests").
   */
  static final Set<String> METHODS = Set.of("tools/call", "prompts/get", "resources/read");

  /** A decided {@code tools/call}, its params as its upstream gets them. */
  static RoundTripRequest of(ToolCall call, Request request) {
    return new RoundTripRequest(
        call.session(),
        call.upstream(),
        "tools/call",
        request.params().getString("name", ""),
        call.argumentsDigest(),
        ToolCallHandler.upstreamMessage(call, request, false).getJsonObject("params"),
        Optional.of(call));
  }

  /**
   * A {@code prompts/get} or {@code resources/read} on its way to {@code upstream} with {@code
   * upstreamParams} (the prompt under the upstream's own name); named by the prompt name as the
   * client wrote it, or the resource URI.
   */
  static RoundTripRequest catalog(
      McpSession session, UpstreamEndpoint upstream, Request request, JsonObject upstreamParams) {
    return new RoundTripRequest(
        session,
        upstream,
        request.method(),
        nameOf(request),
        digestOf(request.params()),
        withoutRetryFields(upstreamParams),
        Optional.empty());
  }

  /** What binds a retry to its request: the prompt or tool name, or the resource URI. */
  static String nameOf(Request request) {
    String field = "resources/read".equals(request.method()) ? "uri" : "name";
    return request.params().get(field) instanceof JsonString value ? value.getString() : "";
  }

  /** The digest of the request's arguments (none: an empty object's). */
  static String digestOf(JsonObject params) {
    JsonValue arguments = params.getOrDefault("arguments", JsonValue.EMPTY_JSON_OBJECT);
    return ArgumentsDigest.of(arguments.toString());
  }

  /** Params without what only a retry carries to the gateway: its state and answers. */
  static JsonObject withoutRetryFields(JsonObject params) {
    return Jsonp.createObjectBuilder(params)
        .remove("requestState")
        .remove("inputResponses")
        .build();
  }

  String tenantId() {
    return session.tenantId();
  }

  /** The gateway's state for a round of this request, wrapping the upstream's own state. */
  RequestState state(String awaitingId, Instant expiresAt, Optional<String> upstreamState) {
    return new RequestState(
        awaitingId,
        session.tenantId(),
        session.agent().agentId(),
        method,
        name,
        argumentsDigest,
        expiresAt,
        upstreamState);
  }

  /**
   * The retry of this request to its upstream: the answers to what it asked and its own state (none
   * if it gave none: "the client MUST NOT include one in the retry").
   */
  JsonObject retry(JsonValue id, JsonObject answers, Optional<String> upstreamState) {
    var retried = Jsonp.createObjectBuilder(params).add("inputResponses", answers);
    upstreamState.ifPresent(state -> retried.add("requestState", state));
    return Jsonp.createObjectBuilder()
        .add("jsonrpc", "2.0")
        .add("id", id)
        .add("method", method)
        .add("params", retried)
        .build();
  }

  /**
   * The request ended by the gateway, saying why: a tool error result for a {@code tools/call} (the
   * model can act on it), a JSON-RPC error naming the upstream otherwise (a prompt or resource has
   * no error result).
   */
  JsonObject failed(JsonValue id, String why) {
    return call.isPresent()
        ? JsonRpcResults.toolError(id, why)
        : new JsonRpcError(JsonRpcError.UPSTREAM_ERROR, why).toResponse(id);
  }

  /** For the log: the call's id, or the method and name. */
  String label() {
    return call.map(c -> "call " + c.callId()).orElse(method + " '" + name + "'");
  }
}
