package io.countersign.tenant.oauth;

import java.util.Arrays;
import java.util.Optional;

/** The grants a client may use at the tenant's token endpoint. */
public enum OAuthGrant {
  /** OpenID CIBA Core 1.0, section 10.1: {@code urn:openid:params:grant-type:ciba}. */
  CIBA("ciba", "urn:openid:params:grant-type:ciba"),
  /** RFC 6749, section 4.4: an agent's own access token, instead of an API key. */
  CLIENT_CREDENTIALS("client_credentials", "client_credentials");

  private final String word;
  private final String grantType;

  OAuthGrant(String word, String grantType) {
    this.word = word;
    this.grantType = grantType;
  }

  /** The short word used in bundles and stored in {@code oauth_client.grant_types}. */
  public String word() {
    return word;
  }

  /** The {@code grant_type} value on the wire. */
  public String grantType() {
    return grantType;
  }

  /** Accepts the short word or the wire value. */
  public static Optional<OAuthGrant> parse(String text) {
    return Arrays.stream(values())
        .filter(g -> g.word.equals(text) || g.grantType.equals(text))
        .findFirst();
  }
}
