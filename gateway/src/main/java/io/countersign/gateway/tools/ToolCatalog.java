package io.countersign.gateway.tools;

import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.gateway.session.McpSession;
import io.countersign.gateway.upstream.UpstreamFailure;
import io.countersign.tenant.TenantDirectory;
import io.countersign.tenant.UpstreamEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The tenant's tools over all its upstreams, with qualified names. A tool call is resolved here:
 * its upstream, and the definition (annotations) the policy reads. Definitions are cached per
 * upstream for a short time and refreshed when a call names a tool the cache does not know.
 */
@ApplicationScoped
public class ToolCatalog {

  private static final Logger LOG = Logger.getLogger(ToolCatalog.class.getName());

  @Inject TenantDirectory directory;
  @Inject UpstreamListing listing;

  @Inject
  @ConfigProperty(name = "countersign.mcp.tool-cache-ttl", defaultValue = "PT60S")
  Duration cacheTtl;

  private final Clock clock = Clock.systemUTC();
  private final Map<String, Cached> byUpstream = new ConcurrentHashMap<>();

  private record Cached(List<JsonObject> tools, Instant fetchedAt) {}

  /** A tool resolved to its upstream; {@code definition} is the upstream's own, unqualified. */
  public record ResolvedTool(UpstreamEndpoint upstream, String name, JsonObject definition)
      implements Resolution {}

  /** What a qualified tool name resolves to. */
  public sealed interface Resolution {}

  /** No upstream of the tenant offers a tool of this name. */
  public record Unknown(String reason) implements Resolution {}

  /** The upstream that would own the tool could not be asked. */
  public record Unavailable(UpstreamEndpoint upstream, UpstreamFailure failure)
      implements Resolution {}

  /** The aggregated list, and the upstreams that could not be listed. */
  public record Listing(List<JsonObject> tools, List<String> unavailable) {}

  public Listing list(McpSession session) {
    List<JsonObject> tools = new ArrayList<>();
    List<String> unavailable = new ArrayList<>();
    for (var page :
        listing.listAll(session, directory.upstreams(session.tenantId()), "tools/list", "tools")) {
      if (page.failed()) {
        unavailable.add(page.upstream().name());
        continue;
      }
      byUpstream.put(page.upstream().id(), new Cached(page.items(), clock.instant()));
      for (JsonObject tool : page.items()) {
        qualify(page.upstream(), tool).ifPresent(tools::add);
      }
    }
    return new Listing(tools, unavailable);
  }

  public Resolution resolve(McpSession session, String qualifiedName) {
    Optional<QualifiedName> name = QualifiedName.parse(qualifiedName);
    if (name.isEmpty()) {
      return new Unknown("unknown tool '" + qualifiedName + "': tool names are <upstream>__<tool>");
    }
    Optional<UpstreamEndpoint> upstream =
        directory.upstreams(session.tenantId()).stream()
            .filter(u -> u.name().equals(name.get().upstream()))
            .findFirst();
    if (upstream.isEmpty()) {
      return new Unknown(
          "unknown tool '"
              + qualifiedName
              + "': no upstream named '"
              + name.get().upstream()
              + "'");
    }
    Cached cached = byUpstream.get(upstream.get().id());
    Optional<JsonObject> definition =
        cached != null && cached.fetchedAt().plus(cacheTtl).isAfter(clock.instant())
            ? find(cached.tools(), name.get().name())
            : Optional.empty();
    if (definition.isEmpty()) {
      var page = listing.list(session, upstream.get(), "tools/list", "tools");
      if (page.failed()) {
        return new Unavailable(upstream.get(), page.failure());
      }
      byUpstream.put(upstream.get().id(), new Cached(page.items(), clock.instant()));
      definition = find(page.items(), name.get().name());
    }
    if (definition.isEmpty()) {
      return new Unknown("unknown tool '" + qualifiedName + "'");
    }
    return new ResolvedTool(upstream.get(), name.get().name(), definition.get());
  }

  private static Optional<JsonObject> find(List<JsonObject> tools, String name) {
    return tools.stream().filter(t -> name.equals(t.getString("name", null))).findFirst();
  }

  private static Optional<JsonObject> qualify(UpstreamEndpoint upstream, JsonObject tool) {
    String name = tool.getString("name", "");
    Optional<String> qualified = new QualifiedName(upstream.name(), name).qualified();
    if (qualified.isEmpty()) {
      LOG.warning(
          () ->
              "tool '"
                  + name
                  + "' of upstream "
                  + upstream.name()
                  + " is left out: its qualified name would not be a valid MCP tool name");
      return Optional.empty();
    }
    return Optional.of(Jsonp.createObjectBuilder(tool).add("name", qualified.get()).build());
  }
}
