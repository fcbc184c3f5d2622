package io.countersign.ciba.jose;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The outcome of checking a CIBA signed authentication request. */
public sealed interface SignedRequestCheck {

  /**
   * The request is genuine and current. The caller still refuses a {@code jti} it has seen before
   * {@code expiresAt}.
   *
   * @param claims every claim, numbers with every digit
   */
  record Verified(JWTClaimsSet claims, String jti, Instant expiresAt)
      implements SignedRequestCheck {

    /** The authentication request parameters: {@link SignedRequestVerifier#parameters}. */
    public Map<String, List<String>> parameters() {
      return SignedRequestVerifier.parameters(claims);
    }
  }

  /** The request is refused; {@code description} is fit for {@code error_description}. */
  record Refused(String description) implements SignedRequestCheck {}
}
