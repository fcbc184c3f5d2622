package io.countersign.gateway.upstream;

import io.countersign.gateway.jsonrpc.JsonRpcError;
import io.countersign.gateway.session.McpSession;
import io.countersign.tenant.UpstreamEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Set;

/**
 * Talks to an upstream of MCP 2026-07-28: every request stands alone, with its envelope ({@link
 * ModernRequest}); no {@code initialize}, no session, nothing to end. What the session eras send
 * besides requests has no place here: a client's {@code notifications/cancelled} becomes the
 * closing of the request's stream ("Transport-Specific Cancellation"), and there are no
 * server-to-client requests to answer (their place is the input-required result).
 */
@ApplicationScoped
public class ModernUpstream {

  /** Methods of the session eras that 2026-07-28 removed. */
  static final Set<String> REMOVED =
      Set.of(
          "initialize",
          "ping",
          "logging/setLevel",
          "resources/subscribe",
          "resources/unsubscribe",
          "tasks/result",
          "tasks/list");

  @Inject UpstreamClient client;

  UpstreamReply send(McpSession session, UpstreamEndpoint endpoint, JsonObject message) {
    JsonValue id = message.get("id");
    if (!message.containsKey("method") || id == null || id == JsonValue.NULL) {
      return new UpstreamReply.Accepted();
    }
    String method = message.getString("method", "");
    if (REMOVED.contains(method)) {
      return new UpstreamReply.Json(
          new JsonRpcError(
                  JsonRpcError.METHOD_NOT_FOUND,
                  "Method not found: upstream '"
                      + endpoint.name()
                      + "' speaks MCP 2026-07-28, which has no "
                      + method)
              .toResponse(id));
    }
    ModernRequest request =
        ModernRequest.of(message, UpstreamEras.CLIENT_INFO, capabilities(session, message));
    return client.postModern(endpoint, request);
  }

  /**
   * The client capabilities declared to the upstream for this request: those of the agent's own
   * request, where the gateway can bridge them (a 2026-07-28 client declares them per request; the
   * tasks extension on the requests that may make or name a task, whose tasks the gateway relays
   * under its own ids); the session's for a session era's client; none for what the gateway asks on
   * its own.
   */
  static JsonObject capabilities(McpSession session, JsonObject message) {
    if (message.get("params") instanceof JsonObject params
        && params.get("_meta") instanceof JsonObject meta
        && meta.get(ModernRequest.META_CAPABILITIES) instanceof JsonObject declared) {
      JsonObject relayed = McpSession.relayed(declared);
      return TasksExtension.declaredIn(declared)
              && TasksExtension.REQUESTS.contains(message.getString("method", ""))
          ? TasksExtension.declaredTo(relayed)
          : relayed;
    }
    return session.modern() ? JsonValue.EMPTY_JSON_OBJECT : session.upstreamCapabilities();
  }
}
