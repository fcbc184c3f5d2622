package io.countersign.ciba.jose;

import java.time.Instant;

/**
 * A minted RFC 9068 access token.
 *
 * @param expiresAt the token's {@code exp}, whole seconds
 */
public record MintedAccessToken(String value, String jti, Instant expiresAt) {

  /** Names the token by {@code jti}; never prints a bearer token. */
  @Override
  public String toString() {
    return "MintedAccessToken[jti=" + jti + ", expiresAt=" + expiresAt + "]";
  }
}
