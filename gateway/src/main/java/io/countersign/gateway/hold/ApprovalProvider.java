package io.countersign.gateway.hold;

import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import java.net.URI;

/**
 * A tenant's CIBA provider as the gateway uses it: its endpoints (from discovery) and the gateway's
 * client credentials there.
 *
 * @param issuer the {@code issuer} the provider's tokens must carry
 * @param ping whether the provider pings the gateway (else the gateway polls)
 * @param external whether it is an external provider the tenant's bundle declares (else the
 *     tenant's built-in provider): the gateway checks every address it reaches there, and cannot
 *     withdraw a request there
 */
public record ApprovalProvider(
    String tenantId,
    String issuer,
    URI backchannelEndpoint,
    URI tokenEndpoint,
    URI jwksUri,
    String clientId,
    String clientSecret,
    boolean ping,
    boolean external) {

  public ClientSecretBasic authentication() {
    return new ClientSecretBasic(new ClientID(clientId), new Secret(clientSecret));
  }

  @Override
  public String toString() {
    return "ApprovalProvider["
        + tenantId
        + ", "
        + (external ? "external " : "built-in ")
        + issuer
        + ", client "
        + clientId
        + "]";
  }
}
