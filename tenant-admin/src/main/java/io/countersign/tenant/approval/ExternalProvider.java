package io.countersign.tenant.approval;

import io.countersign.tenant.oauth.DeliveryMode;
import java.net.URI;
import java.util.Objects;

/**
 * An external CIBA provider a tenant's bundle declares: its issuer identifier and the gateway's
 * client credentials there ({@code client_secret_basic}). The gateway finds the endpoints in the
 * issuer's discovery document. {@link #toString()} hides the secret.
 *
 * @param issuer the issuer identifier; the discovery document must name exactly this issuer
 * @param deliveryMode {@code PING} (the provider calls the gateway's callback) or {@code POLL}
 */
public record ExternalProvider(
    URI issuer, String clientId, String clientSecret, DeliveryMode deliveryMode) {

  public ExternalProvider {
    Objects.requireNonNull(issuer, "issuer");
    if (clientId == null || clientId.isEmpty()) {
      throw new IllegalArgumentException("clientId must not be empty");
    }
    if (clientSecret == null || clientSecret.isEmpty()) {
      throw new IllegalArgumentException("clientSecret must not be empty");
    }
    // push would hand the token to the callback: the gateway redeems every auth_req_id itself
    if (deliveryMode != DeliveryMode.PING && deliveryMode != DeliveryMode.POLL) {
      throw new IllegalArgumentException("deliveryMode must be ping or poll, not " + deliveryMode);
    }
  }

  /** Whether the provider pings the gateway's callback (else the gateway polls). */
  public boolean ping() {
    return deliveryMode == DeliveryMode.PING;
  }

  @Override
  public String toString() {
    return "ExternalProvider["
        + issuer
        + ", client "
        + clientId
        + ", "
        + deliveryMode.word()
        + ", secret (hidden)]";
  }
}
