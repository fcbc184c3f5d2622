package io.countersign.ciba.jose;

import com.nimbusds.jwt.JWTClaimsSet;

/** The outcome of checking an access token the provider issued. */
public sealed interface TokenCheck {

  /** The token is genuine and current; {@code claims} keep every digit of their numbers. */
  record Valid(JWTClaimsSet claims) implements TokenCheck {}

  /** The token is refused; {@code reason} says why, fit for {@code error_description}. */
  record Invalid(String reason) implements TokenCheck {}
}
