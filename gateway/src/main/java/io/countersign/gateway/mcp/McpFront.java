package io.countersign.gateway.mcp;

import io.countersign.gateway.hold.HeldCalls;
import io.countersign.gateway.jsonrpc.JsonRpcError;
import io.countersign.gateway.jsonrpc.JsonRpcMessage;
import io.countersign.gateway.jsonrpc.JsonRpcMessage.Notification;
import io.countersign.gateway.jsonrpc.JsonRpcMessage.Request;
import io.countersign.gateway.jsonrpc.JsonRpcMessage.Response;
import io.countersign.gateway.jsonrpc.JsonRpcResults;
import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.gateway.resume.ResumableStreams;
import io.countersign.gateway.session.McpSession;
import io.countersign.gateway.session.SessionStore;
import io.countersign.gateway.tools.ToolCatalog;
import io.countersign.gateway.upstream.UpstreamConnector;
import io.countersign.gateway.upstream.UpstreamReply;
import io.countersign.tenant.AgentPrincipal;
import io.countersign.tenant.TenantDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * A tenant's MCP endpoint for the legacy eras (2025-06-18, 2025-11-25): the lifecycle, ping, and
 * the routing of each method to the gateway's own answer or to the upstream that owns it.
 */
@ApplicationScoped
public class McpFront {

  private static final Logger LOG = Logger.getLogger(McpFront.class.getName());

  static final String SERVER_NAME = "countersign";
  static final String SERVER_VERSION = "0.1.0";

  static final String INSTRUCTIONS =
      "Tools of this tenant's MCP servers, named <server>__<tool>. Every call is checked against"
          + " the tenant's policy; a refused call returns a tool error that says why.";

  /** The methods answered from the upstreams' catalogs ({@link CatalogRequests}). */
  static final Set<String> CATALOG_METHODS =
      Set.of(
          "prompts/list",
          "prompts/get",
          "resources/list",
          "resources/templates/list",
          "resources/read",
          "resources/subscribe",
          "resources/unsubscribe",
          "completion/complete",
          "logging/setLevel");

  /**
   * Tasks as the session eras know them (2025-11-25, "Tasks"): task-augmented {@code tools/call}
   * passed to upstreams that offer it, {@code tasks/get}, {@code tasks/result} and {@code
   * tasks/cancel} ({@link TaskRequests}); no {@code tasks/list}.
   */
  static final JsonObject TASKS_CAPABILITY =
      Jsonp.createObjectBuilder()
          .add("cancel", JsonValue.EMPTY_JSON_OBJECT)
          .add(
              "requests",
              Jsonp.createObjectBuilder()
                  .add(
                      "tools",
                      Jsonp.createObjectBuilder().add("call", JsonValue.EMPTY_JSON_OBJECT)))
          .build();

  @Inject SessionStore sessions;
  @Inject ToolCatalog tools;
  @Inject ToolCallHandler toolCalls;
  @Inject CatalogRequests catalog;
  @Inject InFlightRequests inFlight;
  @Inject ServerRequests serverRequests;
  @Inject UpstreamConnector connector;
  @Inject TenantDirectory directory;
  @Inject HeldCalls heldCalls;
  @Inject TaskRequests taskRequests;
  @Inject Confirmations confirmations;
  @Inject SessionInputBridge sessionInputs;
  @Inject ResumableStreams streams;

  /**
   * Lifecycle, "Initialization": negotiates the version, opens a session bound to the agent and
   * answers with the gateway's capabilities.
   */
  public FrontReply initialize(AgentPrincipal agent, Request request) {
    JsonValue requested = request.params().get("protocolVersion");
    if (!(requested instanceof JsonString version)) {
      return new FrontReply.Message(
          JsonRpcError.invalidParams("'protocolVersion' must be a string")
              .toResponse(request.id()));
    }
    String negotiated = ProtocolVersions.negotiate(version.getString());
    JsonValue clientInfo = request.params().getOrDefault("clientInfo", JsonValue.NULL);
    JsonValue capabilities = request.params().getOrDefault("capabilities", JsonValue.NULL);
    McpSession session =
        sessions.open(agent, negotiated, clientInfo.toString(), capabilities.toString());
    JsonObject result =
        Jsonp.createObjectBuilder()
            .add("protocolVersion", negotiated)
            .add(
                "capabilities",
                capabilities()
                    .add("logging", JsonValue.EMPTY_JSON_OBJECT)
                    .add("tasks", TASKS_CAPABILITY))
            .add("serverInfo", serverInfo(agent))
            .add("instructions", INSTRUCTIONS)
            .build();
    return new FrontReply.Message(
        JsonRpcResults.result(request.id(), result), Optional.of(session.id()));
  }

  /** Whether a session's request may name this method (the lifecycle's aside). */
  static boolean handles(String method) {
    return switch (method) {
      case "ping", "tools/list", "tools/call" -> true;
      default -> CATALOG_METHODS.contains(method) || TaskRequests.METHODS.contains(method);
    };
  }

  /** What the gateway offers clients, in every era. */
  static JsonObjectBuilder capabilities() {
    return Jsonp.createObjectBuilder()
        .add("tools", Jsonp.createObjectBuilder().add("listChanged", false))
        .add("resources", JsonValue.EMPTY_JSON_OBJECT)
        .add("prompts", JsonValue.EMPTY_JSON_OBJECT)
        .add("completions", JsonValue.EMPTY_JSON_OBJECT);
  }

  static JsonObject serverInfo(AgentPrincipal agent) {
    return Jsonp.createObjectBuilder()
        .add("name", SERVER_NAME)
        .add("title", "Countersign gateway (" + agent.tenantId() + ")")
        .add("version", SERVER_VERSION)
        .build();
  }

  /** Any message after initialisation, on a live session. */
  public FrontReply handle(McpSession session, JsonRpcMessage message) {
    if (message instanceof Request request) {
      return request(session, request);
    }
    if (message instanceof Notification notification) {
      notify(session, notification);
    }
    if (message instanceof Response response
        && !confirmations.answered(session, response)
        && !sessionInputs.answered(session, response)) {
      // the client's answer to a request an upstream sent on a relayed stream
      serverRequests
          .answer(session, response)
          .ifPresent(answer -> connector.send(session, answer.upstream(), answer.message()));
    }
    return new FrontReply.Accepted();
  }

  /**
   * Ends a session (HTTP DELETE) and the upstream sessions behind it; its streams can no longer be
   * resumed.
   */
  public void end(McpSession session) {
    streams.forget(session.id());
    serverRequests.forget(session);
    for (var upstream : directory.upstreams(session.tenantId())) {
      sessions.link(session, upstream).ifPresent(connector::terminateQuietly);
    }
    sessions.end(session);
  }

  private FrontReply request(McpSession session, Request request) {
    return switch (request.method()) {
      case "initialize" ->
          error(request, JsonRpcError.invalidRequest("the session is already initialised"));
      case "ping" ->
          new FrontReply.Message(JsonRpcResults.result(request.id(), JsonValue.EMPTY_JSON_OBJECT));
      case "tools/list" -> listTools(session, request);
      case "tools/call" -> toolCalls.handle(session, request);
      default -> {
        if (CATALOG_METHODS.contains(request.method())) {
          yield catalog.handle(session, request);
        }
        yield TaskRequests.METHODS.contains(request.method()) && !session.modern()
            ? taskRequests.handle(session, request)
            : error(request, JsonRpcError.methodNotFound(request.method()));
      }
    };
  }

  private FrontReply listTools(McpSession session, Request request) {
    ToolCatalog.Listing listing = tools.list(session);
    JsonArrayBuilder array = Jsonp.createArrayBuilder();
    listing.tools().forEach(array::add);
    var result = Jsonp.createObjectBuilder().add("tools", array);
    if (!listing.unavailable().isEmpty()) {
      var unavailable = Jsonp.createArrayBuilder();
      listing.unavailable().forEach(unavailable::add);
      result.add(
          "_meta",
          Jsonp.createObjectBuilder().add("io.countersign/unavailableUpstreams", unavailable));
    }
    return new FrontReply.Message(JsonRpcResults.result(request.id(), result.build()));
  }

  /**
   * Cancellation: relayed to the upstream working on the request, or, for a request waiting on a
   * held call, the call is cancelled and its approval withdrawn. A change of the client's roots
   * goes to the upstreams that asked for them ({@link #rootsChanged}). Other notifications
   * (initialized, progress of the client's own) are taken as read.
   */
  private void notify(McpSession session, Notification notification) {
    if ("notifications/roots/list_changed".equals(notification.method())) {
      rootsChanged(session, notification);
      return;
    }
    if (!"notifications/cancelled".equals(notification.method())) {
      return;
    }
    JsonValue requestId = notification.params().get("requestId");
    if (requestId == null) {
      return;
    }
    var upstream = inFlight.owner(session.id(), requestId);
    if (upstream.isPresent()) {
      connector.send(session, upstream.get(), notification.json());
      return;
    }
    JsonValue reason = notification.params().get("reason");
    heldCalls.cancel(
        session,
        requestId,
        reason instanceof JsonString text ? Optional.of(text.getString()) : Optional.empty());
  }

  /**
   * Roots, "Root List Changes": a client that declared {@code roots.listChanged} tells the server
   * when its roots change. Behind the gateway the servers are the upstreams, and the ones that care
   * are those that asked the client for its roots ({@code roots/list} relayed on a call's stream):
   * each gets the notification as sent. An upstream that never asked will ask when it needs them.
   */
  private void rootsChanged(McpSession session, Notification notification) {
    var upstreams = serverRequests.askedForRoots(session);
    if (upstreams.isEmpty()) {
      LOG.fine(
          () ->
              "roots/list_changed of tenant "
                  + session.tenantId()
                  + ": no upstream of the session asked for roots yet");
      return;
    }
    for (var upstream : upstreams) {
      var reply = connector.send(session, upstream, notification.json());
      if (reply instanceof UpstreamReply.Failed failed) {
        LOG.warning(
            "roots/list_changed not delivered to upstream '"
                + upstream.name()
                + "' of tenant "
                + session.tenantId()
                + ": "
                + failed.failure().detail());
      }
    }
  }

  private static FrontReply error(Request request, JsonRpcError error) {
    return new FrontReply.Message(error.toResponse(request.id()));
  }
}
