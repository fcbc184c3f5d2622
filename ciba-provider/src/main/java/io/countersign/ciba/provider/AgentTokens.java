package io.countersign.ciba.provider;

import com.nimbusds.jwt.JWTClaimsSet;
import io.countersign.ciba.jose.AccessTokenVerifier;
import io.countersign.ciba.jose.TokenCheck;
import io.countersign.tenant.AgentPrincipal;
import io.countersign.tenant.oauth.OAuthClients;
import io.countersign.tenant.oauth.OAuthGrant;
import io.countersign.tenant.oauth.RegisteredClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;

/**
 * Agents that authenticate to the MCP endpoint with an OAuth access token instead of an API key: a
 * token this tenant's issuer minted with the client credentials grant, for the tenant's MCP
 * resource, to a client that still stands for an enabled agent. Approval tokens (those carrying
 * {@code authorization_details}) are never agent credentials.
 */
@ApplicationScoped
public class AgentTokens {

  @Inject IssuerKeys keys;
  @Inject OAuthClients clients;

  @Transactional
  public Optional<AgentPrincipal> authenticate(
      String tenantId, String issuer, String token, Instant now) {
    TokenCheck check =
        AccessTokenVerifier.verify(
            token, issuer, TokenIssuance.mcpResource(issuer), keys.publicSet(tenantId, now), now);
    if (!(check instanceof TokenCheck.Valid valid)) {
      return Optional.empty();
    }
    JWTClaimsSet claims = valid.claims();
    if (claims.getClaim("authorization_details") != null) {
      return Optional.empty();
    }
    Object clientId = claims.getClaim("client_id");
    if (!(clientId instanceof String id)) {
      return Optional.empty();
    }
    return clients
        .find(tenantId, id)
        .filter(c -> c.may(OAuthGrant.CLIENT_CREDENTIALS))
        .filter(c -> c.agentName().isPresent() && c.agentName().get().equals(claims.getSubject()))
        .map(c -> principal(tenantId, c));
  }

  private static AgentPrincipal principal(String tenantId, RegisteredClient client) {
    return new AgentPrincipal(tenantId, client.agentId().get(), client.agentName().get());
  }
}
