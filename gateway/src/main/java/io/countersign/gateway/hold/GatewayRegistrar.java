package io.countersign.gateway.hold;

import io.countersign.tenant.oauth.ClientAuthMethod;
import io.countersign.tenant.oauth.ClientRegistration;
import io.countersign.tenant.oauth.DeliveryMode;
import io.countersign.tenant.oauth.OAuthClients;
import io.countersign.tenant.oauth.OAuthGrant;
import io.countersign.tenant.secret.SecretBox;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Registers the gateway with a tenant's built-in provider on first use, as client {@value
 * #CLIENT_ID}: ping mode with its callback when the callback URL passes the provider's rules
 * (https, or private networks allowed), else poll. The secret is kept sealed in {@code
 * gateway_ciba_client}.
 */
@ApplicationScoped
public class GatewayRegistrar {

  public static final String CLIENT_ID = "countersign-gateway";

  /** The path, under a tenant, where the provider pings the gateway. */
  public static final String CALLBACK_PATH = "/gateway/ciba-callback";

  @Inject OAuthClients clients;
  @Inject SecretBox box;
  @Inject HoldSettings settings;

  @Resource(lookup = "jdbc/countersign")
  DataSource dataSource;

  /** The gateway's registration with one tenant's provider. */
  public record Registration(String issuerUrl, String clientId, String secret, boolean ping) {
    @Override
    public String toString() {
      return "Registration[" + issuerUrl + ", " + clientId + ", ping=" + ping + "]";
    }
  }

  /**
   * Registers the gateway with the built-in provider, ping mode when its callback is acceptable
   * there. Two nodes registering at once: the second insert fails and its transaction (with the
   * secret it issued) rolls back; the caller then reads the first one's row.
   */
  @Transactional
  public Registration register(String tenantId) {
    String issuerUrl = settings.selfUrl() + "/t/" + tenantId;
    URI callback = URI.create(issuerUrl + CALLBACK_PATH);
    boolean ping = settings.ping();
    String secret;
    if (clients.find(tenantId, CLIENT_ID).isPresent()) {
      secret =
          clients
              .issueSecret(tenantId, CLIENT_ID)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "client '" + CLIENT_ID + "' exists but cannot be given a secret"));
      ping =
          clients.find(tenantId, CLIENT_ID).flatMap(c -> c.deliveryMode()).orElse(null)
              == DeliveryMode.PING;
    } else {
      var registered = clients.register(tenantId, registration(ping, callback));
      if (ping && !(registered instanceof OAuthClients.Registered)) {
        ping = false;
        registered = clients.register(tenantId, registration(false, callback));
      }
      if (!(registered instanceof OAuthClients.Registered done) || done.secret().isEmpty()) {
        throw new IllegalStateException(
            "the gateway could not register as a CIBA client: " + registered);
      }
      secret = done.secret().get();
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO gateway_ciba_client (tenant_id, issuer_url, client_id, secret_sealed,"
                    + " delivery_mode, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, tenantId);
      insert.setString(2, issuerUrl);
      insert.setString(3, CLIENT_ID);
      insert.setString(4, box.seal(secret));
      insert.setString(5, ping ? "ping" : "poll");
      insert.setObject(6, HeldCallStore.utc(Instant.now()));
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new HeldCallStoreException("INSERT gateway_ciba_client", e);
    }
    return new Registration(issuerUrl, CLIENT_ID, secret, ping);
  }

  private static ClientRegistration registration(boolean ping, URI callback) {
    return new ClientRegistration(
        CLIENT_ID,
        Optional.of("The Countersign gateway: asks approvers about held tool calls."),
        Set.of(OAuthGrant.CIBA),
        ClientAuthMethod.CLIENT_SECRET_BASIC,
        Optional.empty(),
        Optional.empty(),
        false,
        Optional.of(ping ? DeliveryMode.PING : DeliveryMode.POLL),
        ping ? Optional.of(callback) : Optional.empty(),
        Optional.empty(),
        false);
  }
}
