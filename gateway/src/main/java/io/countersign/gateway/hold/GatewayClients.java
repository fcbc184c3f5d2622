package io.countersign.gateway.hold;

import io.countersign.gateway.hold.GatewayRegistrar.Registration;
import io.countersign.tenant.approval.ExternalProvider;
import io.countersign.tenant.approval.ExternalProviders;
import io.countersign.tenant.secret.SecretBox;
import io.countersign.tenant.secret.UnreadableSecretException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
 * The gateway as a CIBA client of each tenant's provider: the external provider the tenant's bundle
 * declares, with the credentials given there; otherwise the built-in provider, with the gateway's
 * own registration ({@link GatewayRegistrar}). The endpoints come from the issuer's discovery
 * document ({@link ProviderDiscovery}), cached for a few minutes, but never beyond a change of the
 * tenant's declaration: that is read on every use, so an import on any node takes effect on every
 * node at once.
 */
@ApplicationScoped
public class GatewayClients {

  private static final Duration DISCOVERY_TTL = Duration.ofMinutes(5);

  @Inject GatewayRegistrar registrar;
  @Inject ExternalProviders externalProviders;
  @Inject ProviderDiscovery discovery;
  @Inject SecretBox box;

  @Resource(lookup = "jdbc/countersign")
  DataSource dataSource;

  /** A provider, the declaration it was made from (empty: built-in) and when. */
  private record Cached(
      Optional<ExternalProvider> declared, ApprovalProvider provider, Instant loadedAt) {

    boolean serves(Optional<ExternalProvider> declaration, Instant now) {
      return declared.equals(declaration) && loadedAt.plus(DISCOVERY_TTL).isAfter(now);
    }
  }

  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  /** The tenant's provider with the gateway's credentials; registers the gateway if need be. */
  public ApprovalProvider provider(String tenantId) throws ApprovalUnavailable {
    Optional<ExternalProvider> declared = declared(tenantId);
    Cached cached = cache.get(tenantId);
    if (cached != null && cached.serves(declared, Instant.now())) {
      return cached.provider();
    }
    synchronized (locks.computeIfAbsent(tenantId, id -> new Object())) {
      cached = cache.get(tenantId);
      if (cached != null && cached.serves(declared, Instant.now())) {
        return cached.provider();
      }
      ApprovalProvider provider =
          declared.isPresent() ? external(tenantId, declared.get()) : builtIn(tenantId);
      cache.put(tenantId, new Cached(declared, provider, Instant.now()));
      return provider;
    }
  }

  /** Forgets the cached provider (its credentials or endpoints were refused). */
  public void forget(String tenantId) {
    cache.remove(tenantId);
  }

  private Optional<ExternalProvider> declared(String tenantId) throws ApprovalUnavailable {
    try {
      return externalProviders.find(tenantId);
    } catch (UnreadableSecretException e) {
      throw new ApprovalUnavailable(
          "the external approval provider's client secret cannot be opened (sealed under another"
              + " key); import the tenant's bundle again");
    }
  }

  private ApprovalProvider external(String tenantId, ExternalProvider declared)
      throws ApprovalUnavailable {
    ProviderDiscovery.Endpoints endpoints = discovery.external(declared);
    return new ApprovalProvider(
        tenantId,
        endpoints.issuer(),
        endpoints.backchannel(),
        endpoints.token(),
        endpoints.jwks(),
        declared.clientId(),
        declared.clientSecret(),
        declared.ping(),
        true);
  }

  private ApprovalProvider builtIn(String tenantId) throws ApprovalUnavailable {
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
    ProviderDiscovery.Endpoints endpoints = discovery.builtIn(registration.issuerUrl());
    return new ApprovalProvider(
        tenantId,
        endpoints.issuer(),
        endpoints.backchannel(),
        endpoints.token(),
        endpoints.jwks(),
        registration.clientId(),
        registration.secret(),
        registration.ping(),
        false);
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
}
