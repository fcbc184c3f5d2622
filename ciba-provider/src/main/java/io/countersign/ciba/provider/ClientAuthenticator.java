package io.countersign.ciba.provider;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import io.countersign.ciba.jose.AssertionCheck;
import io.countersign.ciba.jose.ClientAssertionVerifier;
import io.countersign.ciba.store.JtiRegister;
import io.countersign.tenant.oauth.ClientAuthMethod;
import io.countersign.tenant.oauth.ClientSecrets;
import io.countersign.tenant.oauth.OAuthClients;
import io.countersign.tenant.oauth.RegisteredClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates the client calling the backchannel or token endpoint (OIDC Core 1.0, section 9):
 * with the method it registered, and only that one. Every failure is {@code invalid_client}; the
 * description says what was wrong without revealing whether the client exists.
 */
@ApplicationScoped
public class ClientAuthenticator {

  /** ES256 and PS256 only, as for signed requests (FAPI-CIBA, section 5.2.2). */
  static final Set<JWSAlgorithm> ASSERTION_ALGS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.PS256);

  private static final String UNKNOWN = "client authentication failed";

  @Inject OAuthClients clients;

  @Inject JtiRegister jtis;

  /**
   * @param audiences what a client assertion's {@code aud} may name: the issuer and the endpoint
   */
  @Transactional
  public ClientCheck authenticate(
      String tenantId, HTTPRequest request, Set<String> audiences, Instant now) {
    ClientAuthentication presented;
    try {
      presented = ClientAuthentication.parse(request);
    } catch (ParseException e) {
      return failed("malformed client authentication: " + e.getMessage());
    }
    if (presented == null) {
      return failed(
          "no client authentication: use client_secret_basic, client_secret_post or"
              + " private_key_jwt");
    }
    Optional<RegisteredClient> client = clients.find(tenantId, presented.getClientID().getValue());
    if (client.isEmpty()) {
      return failed(UNKNOWN);
    }
    RegisteredClient registered = client.get();
    ClientAuthMethod expected = registered.authMethod();
    if (!presented.getMethod().getValue().equals(expected.word())) {
      return failed(
          "this client authenticates with "
              + expected.word()
              + ", not "
              + presented.getMethod().getValue());
    }
    if (presented instanceof ClientSecretBasic basic) {
      return secret(registered, basic.getClientSecret().getValue());
    }
    if (presented instanceof ClientSecretPost post) {
      return secret(registered, post.getClientSecret().getValue());
    }
    if (presented instanceof PrivateKeyJWT jwt) {
      return assertion(registered, jwt, audiences, now);
    }
    return failed("unsupported client authentication method");
  }

  private static ClientCheck secret(RegisteredClient client, String presented) {
    // constant time; a client without an issued secret matches nothing
    String stored = client.secretHash().orElse("0".repeat(64));
    if (ClientSecrets.matches(presented, stored) && client.secretHash().isPresent()) {
      return new ClientCheck.Authenticated(client);
    }
    return failed(UNKNOWN);
  }

  private ClientCheck assertion(
      RegisteredClient client, PrivateKeyJWT jwt, Set<String> audiences, Instant now) {
    JWKSet keys;
    try {
      keys = JWKSet.parse(client.jwks().orElse("{\"keys\":[]}"));
    } catch (java.text.ParseException e) {
      return failed("the client's registered keys cannot be read");
    }
    AssertionCheck check =
        ClientAssertionVerifier.verify(
            jwt.getClientAssertion().serialize(),
            ClientAssertionVerifier.JWT_BEARER,
            client.clientId(),
            audiences,
            keys,
            ASSERTION_ALGS,
            now);
    if (check instanceof AssertionCheck.Refused refused) {
      return failed(refused.description());
    }
    AssertionCheck.Verified verified = (AssertionCheck.Verified) check;
    if (!jtis.firstUse(
        client.tenantId(), client.clientId(), verified.jti(), verified.expiresAt())) {
      return failed("client assertion replayed: jti '" + verified.jti() + "' was already used");
    }
    return new ClientCheck.Authenticated(client);
  }

  private static ClientCheck failed(String description) {
    return new ClientCheck.Failed(OAuth2Error.INVALID_CLIENT.setDescription(description));
  }
}
