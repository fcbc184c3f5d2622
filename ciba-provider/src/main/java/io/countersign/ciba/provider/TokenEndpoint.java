package io.countersign.ciba.provider;

import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import io.countersign.audit.AuditEvent;
import io.countersign.audit.AuditLog;
import io.countersign.ciba.AuthReqId;
import io.countersign.ciba.approval.ApprovalRequest;
import io.countersign.ciba.approval.ApprovalState;
import io.countersign.ciba.approval.RedeemOutcome;
import io.countersign.ciba.jose.MintedAccessToken;
import io.countersign.ciba.jose.MintedTokens;
import io.countersign.ciba.jose.TokenMinter;
import io.countersign.ciba.store.ApprovalStore;
import io.countersign.ciba.store.StoredApproval;
import io.countersign.tenant.oauth.DeliveryMode;
import io.countersign.tenant.oauth.OAuthGrant;
import io.countersign.tenant.oauth.RegisteredClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The token endpoint: the CIBA grant (CIBA Core 1.0, sections 10.1 and 11) with the polling
 * interval enforced per request ({@code slow_down} adds 5 s), single redemption under a row lock,
 * and the client credentials grant for agents that use OAuth access tokens instead of API keys.
 */
@ApplicationScoped
public class TokenEndpoint {

  /** CIBA Core 1.0, section 11: on slow_down, "the interval MUST be increased by at least 5 s". */
  static final int SLOW_DOWN_SECONDS = 5;

  @Inject ClientAuthenticator authenticator;
  @Inject ApprovalStore store;
  @Inject ApprovalAudit audit;
  @Inject TokenIssuance issuance;
  @Inject IssuerKeys keys;
  @Inject ProviderSettings settings;
  @Inject AuditLog auditLog;

  @Transactional
  public TokenResponse handle(
      String tenantId, String issuer, String endpoint, HTTPRequest http, Instant now) {
    ClientCheck check = authenticator.authenticate(tenantId, http, Set.of(issuer, endpoint), now);
    if (check instanceof ClientCheck.Failed failed) {
      return new TokenResponse.Refused(failed.error());
    }
    RegisteredClient client = ((ClientCheck.Authenticated) check).client();
    Map<String, List<String>> parameters = FormBody.parameters(http);
    Optional<String> grantType = FormBody.single(parameters, "grant_type");
    if (grantType.isEmpty()) {
      return refused(ProviderError.invalidRequest("grant_type is missing"));
    }
    if (grantType.get().equals(OAuthGrant.CIBA.grantType())) {
      return ciba(client, issuer, parameters, now);
    }
    if (grantType.get().equals(OAuthGrant.CLIENT_CREDENTIALS.grantType())) {
      return clientCredentials(client, issuer, parameters, now);
    }
    return refused(
        ProviderError.unsupportedGrantType(
            "grant_type must be " + OAuthGrant.CIBA.grantType() + " or client_credentials"));
  }

  private TokenResponse ciba(
      RegisteredClient client, String issuer, Map<String, List<String>> parameters, Instant now) {
    if (!client.may(OAuthGrant.CIBA)) {
      return refused(ProviderError.unauthorizedClient("this client may not use the CIBA grant"));
    }
    if (client.deliveryMode().filter(m -> m == DeliveryMode.PUSH).isPresent()) {
      // CIBA Core 1.0, section 10.1: push clients receive their tokens; they never poll
      return refused(ProviderError.unauthorizedClient("push mode clients do not poll"));
    }
    Optional<String> presented = FormBody.single(parameters, "auth_req_id");
    if (presented.isEmpty()) {
      return refused(ProviderError.invalidRequest("auth_req_id is missing"));
    }
    Optional<AuthReqId> id = AuthReqId.parse(presented.get());
    Optional<StoredApproval> row =
        id.flatMap(i -> store.lockByAuthReqId(client.tenantId(), i.sha256()));
    if (row.isEmpty()) {
      return refused(ProviderError.invalidGrant("unknown auth_req_id"));
    }
    StoredApproval stored = row.get();
    ApprovalRequest request = ApprovalRequest.restore(stored.snapshot());
    if (!request.clientId().equals(client.clientId())) {
      // RFC 6749, section 5.2: issued to another client; said the same way as unknown
      return refused(ProviderError.invalidGrant("unknown auth_req_id"));
    }
    boolean pending = request.state() == ApprovalState.PENDING && now.isBefore(request.expiresAt());
    if (pending && stored.nextPollAt().filter(now::isBefore).isPresent()) {
      int slower = stored.pollIntervalSeconds() + SLOW_DOWN_SECONDS;
      store.update(stored.polled(slower, now.plusSeconds(slower)));
      return refused(
          ProviderError.slowDown(
              "polling faster than every "
                  + stored.pollIntervalSeconds()
                  + " s;"
                  + " wait "
                  + slower
                  + " s between requests"));
    }
    RedeemOutcome outcome = request.redeem(client.tenantId(), client.clientId(), now);
    if (outcome instanceof RedeemOutcome.Redeemed redeemed) {
      MintedTokens tokens =
          issuance.mint(issuer, request, redeemed.call(), presented.get(), stored.scope(), now);
      audit.record(request);
      store.update(stored.with(request.snapshot()));
      return new TokenResponse.Issued(
          tokens.accessToken(),
          settings.accessTokenLifetime().toSeconds(),
          Optional.of(tokens.idToken()),
          Optional.of(stored.scope()),
          Optional.of(TokenIssuance.authorizationDetails(redeemed.call())));
    }
    RedeemOutcome.Reason reason = ((RedeemOutcome.Refused) outcome).reason();
    return switch (reason) {
      case PENDING -> {
        store.update(
            stored.polled(
                stored.pollIntervalSeconds(), now.plusSeconds(stored.pollIntervalSeconds())));
        yield refused(ProviderError.authorizationPending(request.progress().describe()));
      }
      case EXPIRED -> {
        if (request.expire(now) instanceof io.countersign.ciba.approval.Transition.Applied) {
          audit.record(request);
          store.update(stored.with(request.snapshot()));
        }
        yield refused(ProviderError.expiredToken("the request expired at " + request.expiresAt()));
      }
      case DENIED -> refused(ProviderError.accessDenied(deniedDescription(request)));
      case ALREADY_REDEEMED ->
          refused(ProviderError.invalidGrant("auth_req_id was already redeemed; it is single use"));
      case WRONG_CLIENT -> refused(ProviderError.invalidGrant("unknown auth_req_id"));
    };
  }

  private TokenResponse clientCredentials(
      RegisteredClient client, String issuer, Map<String, List<String>> parameters, Instant now) {
    if (!client.may(OAuthGrant.CLIENT_CREDENTIALS) || client.agentName().isEmpty()) {
      return refused(
          ProviderError.unauthorizedClient("this client may not use the client_credentials grant"));
    }
    Optional<String> scope = FormBody.single(parameters, "scope");
    MintedAccessToken token =
        new TokenMinter(issuer, keys.signingKey(client.tenantId(), settings.signingAlg(), now))
            .clientCredentialsToken(
                client.clientId(),
                client.agentName().get(),
                TokenIssuance.mcpResource(issuer),
                scope,
                settings.accessTokenLifetime(),
                now);
    auditLog.append(
        new AuditEvent(
            client.tenantId(),
            now,
            "oauth.token_issued",
            token.jti(),
            new AuditEvent.Actor("client", client.clientId(), client.clientId(), Optional.empty()),
            Optional.empty(),
            Optional.of("client_credentials"),
            Optional.empty(),
            Optional.of("access token for agent " + client.agentName().get()),
            "issued",
            Optional.empty(),
            Optional.empty(),
            Optional.empty()));
    return new TokenResponse.Issued(
        token.value(),
        settings.accessTokenLifetime().toSeconds(),
        Optional.empty(),
        scope,
        Optional.empty());
  }

  private static TokenResponse refused(com.nimbusds.oauth2.sdk.ErrorObject error) {
    return new TokenResponse.Refused(error);
  }

  /**
   * {@code access_denied}'s description: "the request was rejected: <the approvers' reasons>", or
   * "the request was cancelled". The reasons are written for the agent, so the model can adapt.
   */
  static String deniedDescription(io.countersign.ciba.approval.ApprovalRequest request) {
    String state = request.state().name().toLowerCase(java.util.Locale.ROOT);
    List<String> reasons = request.rejectionReasons();
    return "the request was "
        + state
        + (reasons.isEmpty() ? "" : ": " + String.join("; ", reasons));
  }
}
