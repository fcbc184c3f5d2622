package io.countersign.tenant.oauth;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * A registered, enabled client as the provider sees it.
 *
 * @param agentName for client_credentials clients, the agent their tokens stand for
 */
public record RegisteredClient(
    String tenantId,
    String clientId,
    Optional<String> description,
    Set<OAuthGrant> grants,
    ClientAuthMethod authMethod,
    Optional<String> secretHash,
    Optional<String> jwks,
    Optional<String> agentId,
    Optional<String> agentName,
    boolean fapi,
    Optional<DeliveryMode> deliveryMode,
    Optional<URI> notificationEndpoint,
    Optional<String> requestSigningAlg,
    String source) {

  public RegisteredClient {
    grants = Set.copyOf(grants);
  }

  public boolean may(OAuthGrant grant) {
    return grants.contains(grant);
  }
}
