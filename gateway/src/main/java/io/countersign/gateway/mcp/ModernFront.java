package io.countersign.gateway.mcp;

import io.countersign.gateway.jsonrpc.JsonRpcError;
import io.countersign.gateway.jsonrpc.JsonRpcMessage.Request;
import io.countersign.gateway.jsonrpc.JsonRpcResults;
import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.gateway.session.McpSession;
import io.countersign.gateway.session.SessionStore;
import io.countersign.tenant.AgentPrincipal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import java.util.Set;

/**
 * A tenant's MCP endpoint for 2026-07-28 clients: no {@code initialize} and no protocol session,
 * {@code server/discover}, and every result marked with its {@code resultType}. Behind it each
 * agent has one gateway session of its own ({@link SessionStore#modern}), so tool catalogs,
 * upstream sessions, held calls and the audit trail work as for the legacy eras.
 */
@ApplicationScoped
public class ModernFront {

  /** Methods 2026-07-28 removed (404 with -32601, as for any method the server lacks). */
  static final Set<String> REMOVED =
      Set.of(
          "initialize", "ping", "logging/setLevel", "resources/subscribe", "resources/unsubscribe");

  /** Results that may be cached by the client: these carry {@code ttlMs} and {@code cacheScope}. */
  static final Set<String> CACHEABLE =
      Set.of(
          "tools/list",
          "prompts/list",
          "resources/list",
          "resources/templates/list",
          "resources/read");

  @Inject SessionStore sessions;
  @Inject McpFront front;

  /** What the endpoint answers; {@code notFound}: the method is unknown or removed (HTTP 404). */
  public record Answer(FrontReply reply, boolean notFound) {}

  public Answer handle(AgentPrincipal agent, ModernEnvelope.Modern modern) {
    Request request = modern.request();
    if (REMOVED.contains(request.method())) {
      return notFound(request);
    }
    if ("server/discover".equals(request.method())) {
      return new Answer(new FrontReply.Message(discover(agent, request)), false);
    }
    // the tasks extension of this era is not offered; the 2025 tasks methods are not this era's
    if (!McpFront.handles(request.method()) || TaskRequests.METHODS.contains(request.method())) {
      return notFound(request);
    }
    McpSession session = session(agent, modern);
    FrontReply reply = front.handle(session, request);
    if (reply instanceof FrontReply.Message message) {
      return new Answer(
          new FrontReply.Message(complete(message.message(), CACHEABLE.contains(request.method()))),
          false);
    }
    return new Answer(reply, false);
  }

  /**
   * The agent's gateway session for 2026-07-28 requests. Two first requests at once may both try to
   * create it; the loser finds the winner's.
   */
  private McpSession session(AgentPrincipal agent, ModernEnvelope.Modern modern) {
    String clientInfo = modern.clientInfo().toString();
    try {
      return sessions.modern(agent, clientInfo);
    } catch (PersistenceException | TransactionalException e) {
      return sessions.modern(agent, clientInfo);
    }
  }

  /** {@code server/discover}: the versions, capabilities and identity of this endpoint. */
  static JsonObject discover(AgentPrincipal agent, Request request) {
    var versions = Jsonp.createArrayBuilder(ProtocolVersions.advertised());
    JsonObject result =
        Jsonp.createObjectBuilder()
            .add("resultType", "complete")
            .add("supportedVersions", versions)
            .add("capabilities", McpFront.capabilities())
            .add("instructions", McpFront.INSTRUCTIONS)
            // the answer depends on the agent's credentials: never shared, re-asked at will
            .add("ttlMs", 0)
            .add("cacheScope", "private")
            .add(
                "_meta",
                Jsonp.createObjectBuilder()
                    .add("io.modelcontextprotocol/serverInfo", McpFront.serverInfo(agent)))
            .build();
    return JsonRpcResults.result(request.id(), result);
  }

  /**
   * A response as 2026-07-28 wants it: a result carries {@code resultType} "complete" (and, when
   * cacheable, {@code ttlMs} 0 and {@code cacheScope} "private": tool lists depend on the agent);
   * an error passes unchanged but for the retired resource-not-found code -32002, which this era
   * must not emit: it becomes -32602 ("Error Codes").
   */
  public static JsonObject complete(JsonObject response, boolean cacheable) {
    if (response.get("error") instanceof JsonObject error
        && error.get("code") instanceof jakarta.json.JsonNumber code
        && code.isIntegral()
        && code.intValue() == CatalogRequests.RESOURCE_NOT_FOUND) {
      return Jsonp.createObjectBuilder(response)
          .add("error", Jsonp.createObjectBuilder(error).add("code", JsonRpcError.INVALID_PARAMS))
          .build();
    }
    if (!(response.get("result") instanceof JsonObject result)) {
      return response;
    }
    var marked = Jsonp.createObjectBuilder(result);
    if (!result.containsKey("resultType")) {
      marked.add("resultType", "complete");
    }
    if (cacheable && !result.containsKey("ttlMs")) {
      marked.add("ttlMs", 0);
    }
    if (cacheable && !result.containsKey("cacheScope")) {
      marked.add("cacheScope", "private");
    }
    return Jsonp.createObjectBuilder(response).add("result", marked).build();
  }

  private static Answer notFound(Request request) {
    return new Answer(
        new FrontReply.Message(
            JsonRpcError.methodNotFound(request.method()).toResponse(request.id())),
        true);
  }
}
