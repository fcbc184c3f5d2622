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
import jakarta.json.JsonValue;
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
  @Inject ModernTasks tasks;
  @Inject SubscriptionsListen listen;

  /**
   * What the endpoint answers, with its HTTP status: 404 for a method unknown or removed, 400 for a
   * missing client capability (-32021, "Error Codes"), 200 for everything else.
   */
  public record Answer(FrontReply reply, int httpStatus) {

    static Answer of(FrontReply reply) {
      boolean missingCapability =
          reply instanceof FrontReply.Message message
              && message.message().get("error") instanceof JsonObject error
              && error.getInt("code", 0) == ModernTasks.MISSING_CAPABILITY;
      return new Answer(reply, missingCapability ? 400 : 200);
    }
  }

  public Answer handle(AgentPrincipal agent, ModernEnvelope.Modern modern) {
    Request request = modern.request();
    if (REMOVED.contains(request.method())) {
      return notFound(request);
    }
    if ("server/discover".equals(request.method())) {
      return Answer.of(new FrontReply.Message(discover(agent, request)));
    }
    if (ModernTasks.METHODS.contains(request.method())) {
      JsonObject answer = tasks.handle(session(agent, modern), request);
      return Answer.of(new FrontReply.Message(complete(answer, false)));
    }
    if (SubscriptionsListen.METHOD.equals(request.method())) {
      return Answer.of(listen.handle(session(agent, modern), request));
    }
    // tasks/result and tasks/list are 2025's; this era's tasks extension has neither
    if (!McpFront.handles(request.method()) || TaskRequests.METHODS.contains(request.method())) {
      return notFound(request);
    }
    McpSession session = session(agent, modern);
    FrontReply reply = front.handle(session, request);
    if (reply instanceof FrontReply.Message message) {
      return Answer.of(
          new FrontReply.Message(
              complete(message.message(), CACHEABLE.contains(request.method()))));
    }
    return Answer.of(reply);
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
            .add(
                "capabilities",
                McpFront.capabilities()
                    .add(
                        "extensions",
                        Jsonp.createObjectBuilder()
                            .add(ModernTasks.EXTENSION, JsonValue.EMPTY_JSON_OBJECT)))
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
   * cacheable and complete, {@code ttlMs} 0 and {@code cacheScope} "private": tool lists depend on
   * the agent); an error passes unchanged but for the retired resource-not-found code -32002, which
   * this era must not emit: it becomes -32602 ("Error Codes").
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
    // an input-required result is no answer to cache: only a complete one says how long it holds
    boolean cached = cacheable && "complete".equals(result.getString("resultType", "complete"));
    if (cached && !result.containsKey("ttlMs")) {
      marked.add("ttlMs", 0);
    }
    if (cached && !result.containsKey("cacheScope")) {
      marked.add("cacheScope", "private");
    }
    return Jsonp.createObjectBuilder(response).add("result", marked).build();
  }

  private static Answer notFound(Request request) {
    return new Answer(
        new FrontReply.Message(
            JsonRpcError.methodNotFound(request.method()).toResponse(request.id())),
        404);
  }
}
