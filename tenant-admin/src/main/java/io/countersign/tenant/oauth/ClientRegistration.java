package io.countersign.tenant.oauth;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a tenant declares about one OAuth client, from a bundle or the REST API, before {@link
 * ClientRules} judged it.
 *
 * @param agent for {@link OAuthGrant#CLIENT_CREDENTIALS}: the agent whose access tokens these are
 * @param fapi FAPI-CIBA profile: signed requests, ES256/PS256, {@code private_key_jwt}, no push
 * @param requestSigningAlg when present, backchannel requests must be signed with it
 * @param userCode {@code backchannel_user_code_parameter}; this provider supports none
 */
public record ClientRegistration(
    String clientId,
    Optional<String> description,
    Set<OAuthGrant> grants,
    ClientAuthMethod authMethod,
    Optional<String> jwks,
    Optional<String> agent,
    boolean fapi,
    Optional<DeliveryMode> deliveryMode,
    Optional<URI> notificationEndpoint,
    Optional<String> requestSigningAlg,
    boolean userCode) {

  public ClientRegistration {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(description, "description");
    grants = Set.copyOf(grants);
    Objects.requireNonNull(authMethod, "authMethod");
    Objects.requireNonNull(jwks, "jwks");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(deliveryMode, "deliveryMode");
    Objects.requireNonNull(notificationEndpoint, "notificationEndpoint");
    Objects.requireNonNull(requestSigningAlg, "requestSigningAlg");
  }
}
