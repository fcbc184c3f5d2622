package io.countersign.gateway.hold;

import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import io.countersign.gateway.hold.GatewayRegistrar.Registration;
import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.tenant.secret.SecretBox;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The gateway as a CIBA client of each tenant's provider: the gateway's registration ({@link
 * GatewayRegistrar}) and the endpoints from the issuer's discovery document, cached for a few
 * minutes.
 */
@ApplicationScoped
public class GatewayClients {

  private static final Duration DISCOVERY_TTL = Duration.ofMinutes(5);

  @Inject GatewayRegistrar registrar;
  @Inject SecretBox box;

  @Resource(lookup = "jdbc/countersign")
  DataSource dataSource;

  private record Cached(ApprovalProvider provider, Instant loadedAt) {}

  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  /** The tenant's provider with the gateway's credentials; registers the gateway if need be. */
  public ApprovalProvider provider(String tenantId) throws ApprovalUnavailable {
    Cached cached = cache.get(tenantId);
    if (cached != null && cached.loadedAt().plus(DISCOVERY_TTL).isAfter(Instant.now())) {
      return cached.provider();
    }
    synchronized (locks.computeIfAbsent(tenantId, id -> new Object())) {
      return loadProvider(tenantId);
    }
  }

  private ApprovalProvider loadProvider(String tenantId) throws ApprovalUnavailable {
    Cached cached = cache.get(tenantId);
    if (cached != null && cached.loadedAt().plus(DISCOVERY_TTL).isAfter(Instant.now())) {
      return cached.provider();
    }
    Registration registration = registration(tenantId).orElse(null);
    if (registration == null) {
      try {
        registration = registrar.register(tenantId);
      } catch (RuntimeException e) {
        // another node registered first: use its row
        registration =
            registration(tenantId)
                .orElseThrow(
                    () ->
                        new ApprovalUnavailable(
                            "the gateway could not register with the approval provider: "
                                + e.getMessage()));
      }
    }
    ApprovalProvider provider = discover(tenantId, registration);
    cache.put(tenantId, new Cached(provider, Instant.now()));
    return provider;
  }

  private ApprovalProvider discover(String tenantId, Registration registration)
      throws ApprovalUnavailable {
    URI discovery = URI.create(registration.issuerUrl() + "/.well-known/openid-configuration");
    try {
      HTTPRequest request = new HTTPRequest(HTTPRequest.Method.GET, discovery);
      request.setConnectTimeout(5_000);
      request.setReadTimeout(10_000);
      HTTPResponse response = request.send();
      if (response.getStatusCode() != 200) {
        throw new ApprovalUnavailable(
            "the approval provider's discovery answered HTTP " + response.getStatusCode());
      }
      JsonObject metadata = Jsonp.createReader(new StringReader(response.getBody())).readObject();
      return new ApprovalProvider(
          tenantId,
          metadata.getString("issuer"),
          URI.create(metadata.getString("backchannel_authentication_endpoint")),
          URI.create(metadata.getString("token_endpoint")),
          URI.create(metadata.getString("jwks_uri")),
          registration.clientId(),
          registration.secret(),
          registration.ping());
    } catch (IOException | RuntimeException e) {
      throw new ApprovalUnavailable(
          "the approval provider's discovery document could not be read: " + e.getMessage());
    }
  }

  private Optional<Registration> registration(String tenantId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT issuer_url, client_id, secret_sealed, delivery_mode"
                    + " FROM gateway_ciba_client WHERE tenant_id = ?")) {
      select.setString(1, tenantId);
      try (ResultSet r = select.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Registration(
                r.getString(1),
                r.getString(2),
                box.open(r.getString(3)),
                "ping".equals(r.getString(4))));
      }
    } catch (SQLException e) {
      throw new HeldCallStoreException("SELECT gateway_ciba_client", e);
    }
  }

  /** Forgets the cached provider (its credentials or endpoints were refused). */
  public void forget(String tenantId) {
    cache.remove(tenantId);
  }
}
