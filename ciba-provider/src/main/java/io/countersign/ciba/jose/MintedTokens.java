package io.countersign.ciba.jose;

import java.time.Instant;

/**
 * The tokens for one approved CIBA request. There is no refresh token: every call needs its own
 * approval, so neither a {@code refresh_token} nor the ID token's {@code rt_hash} (CIBA Core
 * 10.3.1) ever applies.
 *
 * @param accessTokenExpiresAt the access token's {@code exp}, whole seconds
 */
public record MintedTokens(
    String accessToken, String idToken, String accessTokenJti, Instant accessTokenExpiresAt) {

  /** Names the access token by {@code jti}; never prints a bearer token. */
  @Override
  public String toString() {
    return "MintedTokens[jti=" + accessTokenJti + ", expiresAt=" + accessTokenExpiresAt + "]";
  }
}
