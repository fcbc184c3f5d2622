package io.countersign.gateway.mcp;

import io.countersign.gateway.jsonrpc.JsonRpcError;
import io.countersign.gateway.jsonrpc.JsonRpcMessage.Request;
import io.countersign.gateway.jsonrpc.JsonRpcResults;
import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.gateway.session.McpSession;
import io.countersign.gateway.tools.QualifiedName;
import io.countersign.gateway.tools.ToolCatalog;
import io.countersign.gateway.tools.ToolNaming;
import io.countersign.gateway.tools.UpstreamListing;
import io.countersign.gateway.upstream.UpstreamConnector;
import io.countersign.tenant.TenantDirectory;
import io.countersign.tenant.UpstreamEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prompts, resources, completion and logging level: aggregated over the tenant's upstreams, or
 * routed to the upstream that owns the prompt (by its name as the tenant names prompts, see {@link
 * ToolNaming}) or the resource (by URI). Requests are forwarded whole, so fields the gateway does
 * not know survive; what the one upstream answers, input-required results included, is {@link
 * CatalogRoundTrips}'. None of these requests is decided by policy or audited.
 */
@ApplicationScoped
public class CatalogRequests {

  /**
   * MCP's error code for an unknown resource before 2026-07-28 (Resources, "Error Handling"); that
   * era retired it for -32602 ({@link ModernFront#complete}).
   */
  static final int RESOURCE_NOT_FOUND = -32002;

  @Inject TenantDirectory directory;
  @Inject UpstreamListing listing;
  @Inject UpstreamConnector connector;
  @Inject CatalogRoundTrips upstreams;
  @Inject ToolCatalog tools;

  /** Which upstream listed a resource URI, per tenant (filled by resources/list). */
  private final Map<String, String> resourceOwners = new ConcurrentHashMap<>();

  /** Which upstream listed a resource template, per tenant: "tenant|template" to upstream. */
  private final Map<String, String> templateOwners = new ConcurrentHashMap<>();

  FrontReply handle(McpSession session, Request request) {
    if (session.modern() && RoundTripRequest.METHODS.contains(request.method())) {
      // MRTR, "Error Handling": inputResponses that are not a map of results are a protocol error
      Optional<String> malformed = InputBridge.malformed(request.params());
      if (malformed.isPresent()) {
        return error(request, JsonRpcError.invalidParams(malformed.get()));
      }
      if (InputBridge.isRetry(request.params())) {
        return upstreams.resume(session, request);
      }
    }
    return switch (request.method()) {
      case "prompts/list" -> aggregate(session, request, "prompts", true);
      case "resources/list" -> aggregate(session, request, "resources", false);
      case "resources/templates/list" -> aggregate(session, request, "resourceTemplates", false);
      case "prompts/get" -> byPromptName(session, request, request.params(), "name");
      case "resources/read", "resources/subscribe", "resources/unsubscribe" ->
          byResource(session, request, request.params().get("uri"));
      case "completion/complete" -> completion(session, request);
      case "logging/setLevel" -> broadcast(session, request);
      default -> error(request, JsonRpcError.methodNotFound(request.method()));
    };
  }

  private FrontReply aggregate(
      McpSession session, Request request, String field, boolean qualifyNames) {
    List<UpstreamEndpoint> upstreams = directory.upstreams(session.tenantId());
    ToolNaming naming = tools.naming(session.tenantId());
    JsonArrayBuilder items = Jsonp.createArrayBuilder();
    for (var page : listing.listAll(session, upstreams, request.method(), field)) {
      for (JsonObject item : page.items()) {
        if (qualifyNames) {
          naming
              .exposed(page.upstream(), item.getString("name", ""))
              .ifPresent(name -> items.add(Jsonp.createObjectBuilder(item).add("name", name)));
          continue;
        }
        remember(session, item, page.upstream());
        items.add(item);
      }
    }
    JsonObject result = Jsonp.createObjectBuilder().add(field, items).build();
    return new FrontReply.Message(JsonRpcResults.result(request.id(), result));
  }

  private FrontReply byPromptName(
      McpSession session, Request request, JsonObject holder, String key) {
    JsonValue value = holder.get(key);
    Optional<QualifiedName> name =
        value instanceof JsonString s
            ? tools.naming(session.tenantId()).resolve(s.getString())
            : Optional.empty();
    Optional<UpstreamEndpoint> upstream = name.flatMap(n -> upstream(session, n.upstream()));
    if (upstream.isEmpty()) {
      return error(request, JsonRpcError.invalidParams("unknown prompt " + value));
    }
    JsonObject params =
        Jsonp.createObjectBuilder(request.params()).add("name", name.get().name()).build();
    return upstreams.forward(session, request, upstream.get(), params);
  }

  private FrontReply byResource(McpSession session, Request request, JsonValue uri) {
    if (!(uri instanceof JsonString text)) {
      return error(request, JsonRpcError.invalidParams("'uri' must be a string"));
    }
    Optional<UpstreamEndpoint> owner = owner(session, text.getString());
    if (owner.isEmpty()) {
      // Resources, "Error Handling": the error names the URI in data.uri, as the example does
      JsonRpcError notFound =
          new JsonRpcError(RESOURCE_NOT_FOUND, "Resource not found: " + text.getString());
      return new FrontReply.Message(
          notFound.toResponse(
              request.id(), Jsonp.createObjectBuilder().add("uri", text.getString()).build()));
    }
    return upstreams.forward(session, request, owner.get(), request.params());
  }

  private FrontReply completion(McpSession session, Request request) {
    JsonValue ref = request.params().get("ref");
    if (!(ref instanceof JsonObject reference)) {
      return error(request, JsonRpcError.invalidParams("'ref' must be an object"));
    }
    if ("ref/prompt".equals(reference.getString("type", ""))) {
      Optional<QualifiedName> name =
          tools.naming(session.tenantId()).resolve(reference.getString("name", ""));
      Optional<UpstreamEndpoint> upstream = name.flatMap(n -> upstream(session, n.upstream()));
      if (upstream.isEmpty()) {
        return error(request, JsonRpcError.invalidParams("unknown prompt in 'ref'"));
      }
      JsonObject params =
          Jsonp.createObjectBuilder(request.params())
              .add("ref", Jsonp.createObjectBuilder(reference).add("name", name.get().name()))
              .build();
      return upstreams.forward(session, request, upstream.get(), params);
    }
    Optional<UpstreamEndpoint> owner = owner(session, reference.getString("uri", ""));
    return owner.isPresent()
        ? upstreams.forward(session, request, owner.get(), request.params())
        : error(request, JsonRpcError.invalidParams("unknown resource in 'ref'"));
  }

  private FrontReply broadcast(McpSession session, Request request) {
    for (UpstreamEndpoint upstream : directory.upstreams(session.tenantId())) {
      connector.request(session, upstream, request.method(), request.params());
    }
    return new FrontReply.Message(JsonRpcResults.result(request.id(), JsonValue.EMPTY_JSON_OBJECT));
  }

  private Optional<UpstreamEndpoint> owner(McpSession session, String uri) {
    String key = session.tenantId() + "|" + uri;
    if (!resourceOwners.containsKey(key) && byTemplate(session, uri).isEmpty()) {
      List<UpstreamEndpoint> upstreams = directory.upstreams(session.tenantId());
      for (var method : List.of("resources/list", "resources/templates/list")) {
        String field = method.endsWith("templates/list") ? "resourceTemplates" : "resources";
        for (var page : listing.listAll(session, upstreams, method, field)) {
          page.items().forEach(item -> remember(session, item, page.upstream()));
        }
      }
    }
    Optional<String> owner =
        Optional.ofNullable(resourceOwners.get(key)).or(() -> byTemplate(session, uri));
    return owner.flatMap(name -> upstream(session, name));
  }

  /** The upstream that listed a resource, or a template that can produce {@code uri}. */
  private void remember(McpSession session, JsonObject item, UpstreamEndpoint upstream) {
    String prefix = session.tenantId() + "|";
    if (item.containsKey("uriTemplate")) {
      templateOwners.put(prefix + item.getString("uriTemplate", ""), upstream.name());
    } else {
      resourceOwners.put(prefix + item.getString("uri", ""), upstream.name());
    }
  }

  private Optional<String> byTemplate(McpSession session, String uri) {
    String prefix = session.tenantId() + "|";
    return templateOwners.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .filter(e -> UriTemplatePattern.of(e.getKey().substring(prefix.length())).matches(uri))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  private Optional<UpstreamEndpoint> upstream(McpSession session, String name) {
    return directory.upstreams(session.tenantId()).stream()
        .filter(u -> u.name().equals(name))
        .findFirst();
  }

  private static FrontReply error(Request request, JsonRpcError error) {
    return new FrontReply.Message(error.toResponse(request.id()));
  }
}
