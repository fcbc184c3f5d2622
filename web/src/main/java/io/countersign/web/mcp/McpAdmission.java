package io.countersign.web.mcp;

import io.countersign.ciba.provider.AgentTokens;
import io.countersign.gateway.jsonrpc.JsonRpcError;
import io.countersign.tenant.AgentPrincipal;
import io.countersign.tenant.TenantDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The checks every request to {@code /t/{tenant}/mcp} passes before any MCP message is read, in
 * order: the tenant exists (404), the {@code Origin} is allowed (403, against DNS rebinding), the
 * agent's bearer key is valid for this tenant (401 naming the protected resource metadata).
 */
@ApplicationScoped
public class McpAdmission {

  @Inject TenantDirectory directory;

  @Inject AgentTokens agentTokens;

  /** Host names of loopback origins: a page served on this machine. */
  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

  @Inject
  @ConfigProperty(name = "countersign.mcp.allowed-origins")
  Optional<List<String>> allowedOrigins;

  @Inject
  @ConfigProperty(name = "countersign.public-url")
  Optional<String> publicUrl;

  /** Either the admitted agent or the HTTP refusal. */
  public sealed interface Admission {}

  public record Admitted(AgentPrincipal agent) implements Admission {}

  public record Refused(HttpAnswer answer) implements Admission {}

  public Admission admit(String tenantId, McpHttpRequest request) {
    if (directory.tenant(tenantId).isEmpty()) {
      return new Refused(
          HttpRefusal.of(404, JsonRpcError.INVALID_REQUEST, "Unknown tenant '" + tenantId + "'"));
    }
    Optional<String> origin = request.optionalHeader("Origin");
    if (origin.isPresent() && !originAllowed(origin.get())) {
      return new Refused(
          HttpRefusal.of(
              403, JsonRpcError.INVALID_REQUEST, "Origin '" + origin.get() + "' is not allowed"));
    }
    Optional<String> bearer = bearer(request.header("Authorization"));
    Optional<AgentPrincipal> agent =
        bearer.flatMap(credential -> authenticate(tenantId, credential, request));
    if (agent.isEmpty()) {
      return new Refused(unauthorized(tenantId, request.url(), bearer.isPresent()));
    }
    return new Admitted(agent.get());
  }

  /** An API key ({@code cs_...}) or an access token from the tenant's issuer (a JWT). */
  private Optional<AgentPrincipal> authenticate(
      String tenantId, String credential, McpHttpRequest request) {
    if (credential.chars().filter(c -> c == '.').count() == 2) {
      return agentTokens.authenticate(
          tenantId, base(request.url()) + "/t/" + tenantId, credential, Instant.now());
    }
    return directory.authenticate(tenantId, credential);
  }

  /** The URL of the tenant's RFC 9728 protected resource metadata. */
  public String resourceMetadataUrl(String tenantId, URI requestUrl) {
    return base(requestUrl) + "/.well-known/oauth-protected-resource/t/" + tenantId + "/mcp";
  }

  /** The public base URL: configured, or taken from the request. */
  public String base(UriInfo uri) {
    return base(uri.getBaseUri());
  }

  /** The public base URL: configured, or the scheme and authority of a URL of the request. */
  public String base(URI requestUrl) {
    String base =
        publicUrl.orElseGet(() -> requestUrl.getScheme() + "://" + requestUrl.getRawAuthority());
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  private HttpAnswer unauthorized(String tenantId, URI url, boolean presented) {
    // RFC 6750 section 3 and MCP Authorization: the challenge names the resource metadata.
    String challenge =
        "Bearer resource_metadata=\""
            + resourceMetadataUrl(tenantId, url)
            + "\""
            + (presented ? ", error=\"invalid_token\"" : "");
    return HttpRefusal.of(
            401,
            JsonRpcError.INVALID_REQUEST,
            presented
                ? "The bearer credential is not valid for tenant '" + tenantId + "'"
                : "Authentication required: send Authorization: Bearer <agent API key or access"
                    + " token>")
        .with("WWW-Authenticate", challenge);
  }

  private static Optional<String> bearer(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    String token = authorization.substring(7).trim();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }

  /**
   * Against DNS rebinding, a browser's {@code Origin} is allowed only when it is this deployment's
   * public URL, a loopback origin (a client page on this machine), or listed in {@code
   * countersign.mcp.allowed-origins}. The request's own {@code Host} is not trusted: under DNS
   * rebinding the hostile page's name resolves to this server, so its Origin and Host agree.
   */
  private boolean originAllowed(String origin) {
    if (publicUrl.flatMap(McpAdmission::originOf).filter(origin::equalsIgnoreCase).isPresent()) {
      return true;
    }
    if (originOf(origin).filter(o -> o.equalsIgnoreCase(origin)).isPresent()
        && LOOPBACK.contains(java.net.URI.create(origin).getHost().toLowerCase(Locale.ROOT))) {
      return true;
    }
    return allowedOrigins.map(list -> list.contains(origin)).orElse(false);
  }

  /** scheme://host[:port] of a URL, if it is an http(s) URL. */
  private static Optional<String> originOf(String url) {
    try {
      var uri = java.net.URI.create(url.trim());
      if (uri.getHost() == null
          || !("http".equalsIgnoreCase(uri.getScheme())
              || "https".equalsIgnoreCase(uri.getScheme()))) {
        return Optional.empty();
      }
      return Optional.of(
          uri.getScheme().toLowerCase(Locale.ROOT)
              + "://"
              + uri.getHost().toLowerCase(Locale.ROOT)
              + (uri.getPort() >= 0 ? ":" + uri.getPort() : ""));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
