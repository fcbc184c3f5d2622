package io.countersign.ciba.provider;

import com.nimbusds.oauth2.sdk.ErrorObject;
import java.util.Optional;

/** What the token endpoint answers (RFC 6749, section 5; CIBA Core 1.0, sections 10.1.1, 11). */
public sealed interface TokenResponse {

  /**
   * 200 with {@code token_type: Bearer}.
   *
   * @param authorizationDetails the approved {@code authorization_details} (JSON array), echoed as
   *     RFC 9396, section 7 asks
   */
  record Issued(
      String accessToken,
      long expiresIn,
      Optional<String> idToken,
      Optional<String> scope,
      Optional<String> authorizationDetails)
      implements TokenResponse {}

  record Refused(ErrorObject error) implements TokenResponse {}
}
