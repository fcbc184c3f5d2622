package io.countersign.gateway.hold;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.ciba.AuthRequestID;
import com.nimbusds.oauth2.sdk.ciba.CIBAErrorResponse;
import com.nimbusds.oauth2.sdk.ciba.CIBAGrant;
import com.nimbusds.oauth2.sdk.ciba.CIBARequest;
import com.nimbusds.oauth2.sdk.ciba.CIBARequestAcknowledgement;
import com.nimbusds.oauth2.sdk.ciba.CIBAResponse;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.rar.AuthorizationDetail;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The gateway's side of OpenID CIBA Core 1.0 over HTTP, with Nimbus' message classes: the
 * backchannel authentication request (section 7) and the token request (section 10.1).
 */
@ApplicationScoped
public class CibaClient {

  private static final int CONNECT_TIMEOUT_MS = 5_000;
  private static final int READ_TIMEOUT_MS = 15_000;

  @Inject ProviderAddresses addresses;

  /** The provider's answer to a backchannel authentication request. */
  public sealed interface Asked {}

  /** Section 7.3: the request is open under {@code authReqId}. */
  public record Acknowledged(String authReqId, Duration expiresIn, Duration interval)
      implements Asked {
    @Override
    public String toString() {
      return "Acknowledged[expiresIn=" + expiresIn + "]";
    }
  }

  /** Section 13: the provider refused the request. */
  public record Refused(String error, String description) implements Asked {}

  /** The provider's answer to a token request for an {@code auth_req_id}. */
  public sealed interface Redeemed {}

  /** Section 11: {@code authorization_pending}; the description says how far the votes are. */
  public record Pending(String description) implements Redeemed {}

  /** Section 11: {@code slow_down}. */
  public record SlowDown() implements Redeemed {}

  /** Section 11: {@code access_denied}: rejected (or cancelled); the description says why. */
  public record Denied(String description) implements Redeemed {}

  /** Section 11: {@code expired_token}. */
  public record Expired(String description) implements Redeemed {}

  /** Section 10.1.1: the access token whose {@code authorization_details} are the approved call. */
  public record Issued(String accessToken) implements Redeemed {
    @Override
    public String toString() {
      return "Issued[...]";
    }
  }

  /** Any other error ({@code invalid_grant}: redeemed elsewhere, unknown, ...). */
  public record Failed(String error, String description) implements Redeemed {}

  public Asked ask(
      ApprovalProvider provider,
      String authorizationDetailsJson,
      String loginHint,
      String bindingMessage,
      long requestedExpirySeconds,
      Optional<String> notificationToken)
      throws ApprovalUnavailable {
    try {
      var builder =
          new CIBARequest.Builder(provider.authentication(), new Scope("openid"))
              .endpointURI(provider.backchannelEndpoint())
              .loginHint(loginHint)
              .bindingMessage(bindingMessage)
              .requestedExpiry((int) Math.min(Integer.MAX_VALUE, requestedExpirySeconds))
              .authorizationDetails(AuthorizationDetail.parseList(authorizationDetailsJson));
      notificationToken.ifPresent(t -> builder.clientNotificationToken(new BearerAccessToken(t)));
      CIBAResponse response = CIBAResponse.parse(send(provider, builder.build().toHTTPRequest()));
      if (response instanceof CIBARequestAcknowledgement ack) {
        return new Acknowledged(
            ack.getAuthRequestID().getValue(),
            Duration.ofSeconds(ack.getExpiresIn()),
            Duration.ofSeconds(ack.getMinWaitInterval() == null ? 5 : ack.getMinWaitInterval()));
      }
      ErrorObject error = ((CIBAErrorResponse) response).getErrorObject();
      return new Refused(code(error), description(error));
    } catch (ParseException e) {
      throw new ApprovalUnavailable(
          "the approval provider's answer to the backchannel request is not CIBA: "
              + e.getMessage());
    }
  }

  public Redeemed redeem(ApprovalProvider provider, String authReqId) throws ApprovalUnavailable {
    try {
      TokenRequest request =
          new TokenRequest(
              provider.tokenEndpoint(),
              provider.authentication(),
              new CIBAGrant(new AuthRequestID(authReqId)));
      TokenResponse response = TokenResponse.parse(send(provider, request.toHTTPRequest()));
      if (response instanceof AccessTokenResponse issued) {
        return new Issued(issued.getTokens().getAccessToken().getValue());
      }
      ErrorObject error = ((TokenErrorResponse) response).getErrorObject();
      String description = description(error);
      return switch (code(error)) {
        case "authorization_pending" -> new Pending(description);
        case "slow_down" -> new SlowDown();
        case "access_denied" -> new Denied(description);
        case "expired_token" -> new Expired(description);
        default -> new Failed(code(error), description);
      };
    } catch (ParseException e) {
      throw new ApprovalUnavailable(
          "the approval provider's token response cannot be read: " + e.getMessage());
    }
  }

  /** An external provider's endpoint is checked again right before each request (SSRF). */
  private com.nimbusds.oauth2.sdk.http.HTTPResponse send(
      ApprovalProvider provider, HTTPRequest request) throws ApprovalUnavailable {
    if (provider.external()) {
      addresses.check(request.getURI(), "endpoint");
    }
    request.setConnectTimeout(CONNECT_TIMEOUT_MS);
    request.setReadTimeout(READ_TIMEOUT_MS);
    request.setFollowRedirects(false);
    try {
      return request.send();
    } catch (IOException e) {
      throw new ApprovalUnavailable("the approval provider cannot be reached: " + e.getMessage());
    }
  }

  private static String code(ErrorObject error) {
    return error == null || error.getCode() == null ? "unknown_error" : error.getCode();
  }

  private static String description(ErrorObject error) {
    return error == null || error.getDescription() == null ? "" : error.getDescription();
  }
}
