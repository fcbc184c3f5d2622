package io.countersign.gateway.mcp;

import io.countersign.gateway.jsonrpc.JsonRpcError;
import io.countersign.gateway.jsonrpc.JsonRpcMessage.Request;
import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.gateway.mcp.RelayedStream.Step;
import io.countersign.gateway.session.McpSession;
import io.countersign.gateway.upstream.UpstreamConnector;
import io.countersign.gateway.upstream.UpstreamReply;
import io.countersign.tenant.UpstreamEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.Optional;

/**
 * A catalog request on its way to the one upstream it was routed to ({@link CatalogRequests}), and
 * what comes back. A 2026-07-28 upstream may answer {@code prompts/get} and {@code resources/read}
 * input-required ("Multi Round-Trip Requests", "Supported Requests"); that is bridged by the
 * bridges of {@code tools/call}: to a 2026-07-28 client under the gateway's sealed state ({@link
 * UpstreamRoundTrips}), whose retry comes back here ({@link #resume}); to a session client as
 * requests on the response's stream ({@link SessionInputBridge}). Catalog requests are not decided
 * by policy and not audited, and neither are their rounds.
 */
@ApplicationScoped
public class CatalogRoundTrips {

  @Inject UpstreamConnector connector;
  @Inject ServerRequests serverRequests;
  @Inject InputBridge inputBridge;
  @Inject UpstreamRoundTrips roundTrips;
  @Inject SessionInputBridge sessionInputs;

  /**
   * Sends {@code request} with {@code params} (the prompt under the upstream's own name) to {@code
   * upstream}; a {@code prompts/get} or {@code resources/read} as a request that may require input.
   */
  FrontReply forward(
      McpSession session, Request request, UpstreamEndpoint upstream, JsonObject params) {
    Optional<RoundTripRequest> exchange =
        RoundTripRequest.METHODS.contains(request.method())
            ? Optional.of(RoundTripRequest.catalog(session, upstream, request, params))
            : Optional.empty();
    return forward(session, request, upstream, exchange, params, System.nanoTime());
  }

  /**
   * A 2026-07-28 client's retry of a {@code prompts/get} or {@code resources/read} ({@code
   * requestState}: the gateway names every input-required result it passes on), checked as a tool
   * call's retry is, before anything else ({@link InputBridge#resume}). It continues its round: to
   * the round's upstream, under the name that upstream gave the prompt.
   */
  FrontReply resume(McpSession session, Request request) {
    var retry =
        inputBridge.resume(
            session,
            request,
            RoundTripRequest.nameOf(request),
            RoundTripRequest.digestOf(request.params()));
    if (retry instanceof InputBridge.Continued continued) {
      var round = continued.round();
      var params = Jsonp.createObjectBuilder(request.params());
      if (round.request().params().get("name") instanceof JsonString upstreamName) {
        params.add("name", upstreamName);
      }
      JsonObject continuing =
          UpstreamRoundTrips.continued(
              round, params.build(), request.params().get("inputResponses"));
      RoundTripRequest first = round.request();
      return forward(
          session, request, first.upstream(), Optional.of(first), continuing, round.startedNanos());
    }
    if (retry instanceof InputBridge.Answered answered) {
      return new FrontReply.Message(answered.response());
    }
    // the gateway's other states (a confirmation, a 2025 upstream's stream) are sealed for
    // tools/call and fail the method check before this
    return new FrontReply.Message(
        InputBridge.refusedState(request, "requestState belongs to another call").response());
  }

  private FrontReply forward(
      McpSession session,
      Request request,
      UpstreamEndpoint upstream,
      Optional<RoundTripRequest> exchange,
      JsonObject params,
      long startedNanos) {
    JsonObject message = Jsonp.createObjectBuilder(request.json()).add("params", params).build();
    UpstreamReply reply = connector.send(session, upstream, message);
    boolean bridged =
        exchange.isPresent()
            && !session.modern()
            && connector.speaksModern(upstream)
            && (reply instanceof UpstreamReply.Stream
                || (reply instanceof UpstreamReply.Json json
                    && UpstreamRoundTrips.inputRequired(json.message())));
    if (bridged) {
      // its input is asked of the session on the request's stream
      return sessionInputs.relay(exchange.get(), request, reply, startedNanos);
    }
    if (reply instanceof UpstreamReply.Json json) {
      return new FrontReply.Message(
          answered(request, upstream, exchange, json.message(), startedNanos));
    }
    if (reply instanceof UpstreamReply.Stream stream) {
      return new FrontReply.EventStream(
          new RelayedStream(
              stream.stream(),
              request.id(),
              upstream.readTimeout(),
              upstream.name(),
              session.modern()
                  ? data ->
                      inputBridge.relayPlain(
                          session,
                          upstream,
                          request.id(),
                          response -> answered(request, upstream, exchange, response, startedNanos),
                          data)
                  : data -> new Step.Pass(serverRequests.relay(session, upstream, data)),
              relayed -> {}));
    }
    String detail =
        reply instanceof UpstreamReply.Failed failed ? failed.failure().detail() : "no answer";
    return new FrontReply.Message(
        JsonRpcError.upstreamFailed(upstream.name(), detail).toResponse(request.id()));
  }

  /**
   * The upstream's response as the client gets it: an input-required result of a request that may
   * have one, to a 2026-07-28 client, with the gateway's state wrapping the upstream's; of any
   * other request, an error ("Servers MUST NOT send InputRequiredResult responses on any other
   * client requests").
   */
  private JsonObject answered(
      Request request,
      UpstreamEndpoint upstream,
      Optional<RoundTripRequest> exchange,
      JsonObject response,
      long startedNanos) {
    if (!UpstreamRoundTrips.inputRequired(response)) {
      return response;
    }
    if (exchange.isPresent() && exchange.get().session().modern()) {
      return roundTrips.relayed(exchange.get(), request, response, startedNanos);
    }
    return JsonRpcError.upstreamFailed(
            upstream.name(),
            "it asked for input on "
                + request.method()
                + ", where MCP allows no input-required result")
        .toResponse(request.id());
  }
}
