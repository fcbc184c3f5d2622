package io.countersign.tenant.oauth;

/**
 * A field of a client registration, with its name in a tenant bundle and in the REST API (RFC 7591
 * and CIBA Core 1.0, section 4 names where the specifications define one).
 */
public enum ClientField {
  CLIENT_ID("clientId", "client_id"),
  GRANT_TYPES("grantTypes", "grant_types"),
  AUTHENTICATION("authentication", "token_endpoint_auth_method"),
  JWKS("jwks", "jwks"),
  AGENT("agent", "agent"),
  FAPI("fapi", "fapi"),
  DELIVERY_MODE("backchannel.deliveryMode", "backchannel_token_delivery_mode"),
  NOTIFICATION_ENDPOINT(
      "backchannel.notificationEndpoint", "backchannel_client_notification_endpoint"),
  SIGNING_ALG("backchannel.requestSigningAlg", "backchannel_authentication_request_signing_alg"),
  USER_CODE("backchannel.userCode", "backchannel_user_code_parameter");

  private final String bundleName;
  private final String apiName;

  ClientField(String bundleName, String apiName) {
    this.bundleName = bundleName;
    this.apiName = apiName;
  }

  public String bundleName() {
    return bundleName;
  }

  public String apiName() {
    return apiName;
  }
}
