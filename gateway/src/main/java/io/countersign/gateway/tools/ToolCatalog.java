package io.countersign.gateway.tools;

import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.gateway.session.McpSession;
import io.countersign.gateway.upstream.UpstreamFailure;
import io.countersign.tenant.Tenant;
import io.countersign.tenant.TenantDirectory;
import io.countersign.tenant.ToolNames;
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

  /** How the session's tenant names tools and prompts. */
  public ToolNaming naming(String tenantId) {
    ToolNames names = directory.tenant(tenantId).map(Tenant::toolNames).orElse(ToolNames.QUALIFIED);
    return ToolNaming.of(names, directory.upstreams(tenantId));
  }

  public Listing list(McpSession session) {
    ToolNaming naming = naming(session.tenantId());
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
        expose(naming, page.upstream(), tool).ifPresent(tools::add);
      }
    }
    return new Listing(tools, unavailable);
  }

  /** The tool an agent named, as its tenant names tools. */
  public Resolution resolve(McpSession session, String exposedName) {
    ToolNaming naming = naming(session.tenantId());
    Optional<QualifiedName> name = naming.resolve(exposedName);
    if (name.isEmpty()) {
      return new Unknown("unknown tool '" + exposedName + "': tool names are " + naming.shape());
    }
    return resolve(session, name.get(), exposedName);
  }

  /** A tool by its upstream's name and its own (held calls keep both). */
  public Resolution resolve(McpSession session, QualifiedName name) {
    return resolve(session, name, name.upstream() + QualifiedName.SEPARATOR + name.name());
  }

  private Resolution resolve(McpSession session, QualifiedName name, String qualifiedName) {
    Optional<UpstreamEndpoint> upstream =
        directory.upstreams(session.tenantId()).stream()
            .filter(u -> u.name().equals(name.upstream()))
            .findFirst();
    if (upstream.isEmpty()) {
      return new Unknown(
          "unknown tool '" + qualifiedName + "': no upstream named '" + name.upstream() + "'");
    }
    Cached cached = byUpstream.get(upstream.get().id());
    Optional<JsonObject> definition =
        cached != null && cached.fetchedAt().plus(cacheTtl).isAfter(clock.instant())
            ? find(cached.tools(), name.name())
            : Optional.empty();
    if (definition.isEmpty()) {
      var page = listing.list(session, upstream.get(), "tools/list", "tools");
      if (page.failed()) {
        return new Unavailable(upstream.get(), page.failure());
      }
      byUpstream.put(upstream.get().id(), new Cached(page.items(), clock.instant()));
      definition = find(page.items(), name.name());
    }
    if (definition.isEmpty()) {
      return new Unknown("unknown tool '" + qualifiedName + "'");
    }
    return new ResolvedTool(upstream.get(), name.name(), definition.get());
  }

  /**
   * The definition this node last listed for a tool of the tenant's upstream, however old; empty
   * when this node has not listed that upstream. For showing (an approver's edit form), never for
   * deciding.
   */
  public Optional<JsonObject> lastListed(String tenantId, String upstreamName, String toolName) {
    return directory.upstreams(tenantId).stream()
        .filter(u -> u.name().equals(upstreamName))
        .findFirst()
        .map(u -> byUpstream.get(u.id()))
        .flatMap(cached -> find(cached.tools(), toolName));
  }

  private static Optional<JsonObject> find(List<JsonObject> tools, String name) {
    return tools.stream().filter(t -> name.equals(t.getString("name", null))).findFirst();
  }

  private static Optional<JsonObject> expose(
      ToolNaming naming, UpstreamEndpoint upstream, JsonObject tool) {
    String name = tool.getString("name", "");
    Optional<String> qualified = naming.exposed(upstream, name);
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
