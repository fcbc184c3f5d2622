package io.countersign.ciba.provider;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ciba.CIBAError;

/**
 * The errors the backchannel and token endpoints answer with, each with the HTTP status its
 * specification gives. Nimbus's own constants are not all usable as they are (ciba.md, trap 4:
 * {@code expired_token} carries status 0, {@code access_denied} 403), so the statuses are set here,
 * once.
 */
public final class ProviderError {

  private ProviderError() {}

  /** RFC 6749, section 5.2 and CIBA Core 1.0, section 13: 400. */
  public static ErrorObject invalidRequest(String description) {
    return OAuth2Error.INVALID_REQUEST.setDescription(description).setHTTPStatusCode(400);
  }

  public static ErrorObject invalidScope(String description) {
    return OAuth2Error.INVALID_SCOPE.setDescription(description).setHTTPStatusCode(400);
  }

  public static ErrorObject unauthorizedClient(String description) {
    return OAuth2Error.UNAUTHORIZED_CLIENT.setDescription(description).setHTTPStatusCode(400);
  }

  public static ErrorObject unsupportedGrantType(String description) {
    return OAuth2Error.UNSUPPORTED_GRANT_TYPE.setDescription(description).setHTTPStatusCode(400);
  }

  public static ErrorObject invalidGrant(String description) {
    return OAuth2Error.INVALID_GRANT.setDescription(description).setHTTPStatusCode(400);
  }

  public static ErrorObject unknownUserId(String description) {
    return CIBAError.UNKNOWN_USER_ID.setDescription(description).setHTTPStatusCode(400);
  }

  public static ErrorObject expiredLoginHintToken(String description) {
    return CIBAError.EXPIRED_LOGIN_HINT_TOKEN.setDescription(description).setHTTPStatusCode(400);
  }

  public static ErrorObject invalidBindingMessage(String description) {
    return CIBAError.INVALID_BINDING_MESSAGE.setDescription(description).setHTTPStatusCode(400);
  }

  /** RFC 9396, section 5: the authorization details are not acceptable. */
  public static ErrorObject invalidAuthorizationDetails(String description) {
    return new ErrorObject("invalid_authorization_details", description, 400);
  }

  /** CIBA Core 1.0, section 11: the token endpoint's errors are all 400. */
  public static ErrorObject authorizationPending(String description) {
    return new ErrorObject("authorization_pending", description, 400);
  }

  public static ErrorObject slowDown(String description) {
    return new ErrorObject("slow_down", description, 400);
  }

  public static ErrorObject expiredToken(String description) {
    return new ErrorObject("expired_token", description, 400);
  }

  public static ErrorObject accessDenied(String description) {
    return new ErrorObject("access_denied", description, 400);
  }
}
