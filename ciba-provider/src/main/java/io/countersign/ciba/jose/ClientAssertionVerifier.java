package io.countersign.ciba.jose;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Set;

/**
 * Checks {@code private_key_jwt} client authentication (RFC 7523 sections 2.2 and 3, OIDC Core
 * section 9), at the token and backchannel authentication endpoints alike.
 */
public final class ClientAssertionVerifier {

  /** RFC 7523 section 2.2. */
  public static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

  private ClientAssertionVerifier() {}

  /**
   * Whether {@code clientAssertion} authenticates client {@code clientId} at {@code now}. Never
   * throws for bad input; replay of {@code jti} is the caller's to detect.
   *
   * @param acceptedAudiences the provider's issuer and the URLs of the endpoints that accept the
   *     assertion; {@code aud} must contain one of them
   * @param allowedAlgs the client's {@code token_endpoint_auth_signing_alg}; HMAC algorithms are
   *     refused whatever it says, they belong to {@code client_secret_jwt}
   */
  public static AssertionCheck verify(
      String clientAssertion,
      String clientAssertionType,
      String clientId,
      Set<String> acceptedAudiences,
      JWKSet clientKeys,
      Set<JWSAlgorithm> allowedAlgs,
      Instant now) {
    if (!JWT_BEARER.equals(clientAssertionType)) {
      return new AssertionCheck.Refused(
          "client_assertion_type " + Text.quote(clientAssertionType) + " is not " + JWT_BEARER);
    }
    Outcome<SignedJWT> parsed = SignedJwts.parse(clientAssertion);
    if (parsed instanceof Outcome.Problem<SignedJWT> p) {
      return new AssertionCheck.Refused(p.reason());
    }
    SignedJWT assertion = ((Outcome.Ok<SignedJWT>) parsed).value();
    var signature = SignedJwts.signatureProblem(assertion, clientKeys, allowedAlgs, false);
    if (signature.isPresent()) {
      return new AssertionCheck.Refused(signature.get());
    }
    Outcome<JWTClaimsSet> claims = SignedJwts.claims(assertion);
    if (claims instanceof Outcome.Problem<JWTClaimsSet> p) {
      return new AssertionCheck.Refused(p.reason());
    }
    JWTClaimsSet set = ((Outcome.Ok<JWTClaimsSet>) claims).value();
    ClaimRules rules = new ClaimRules("client assertion", set, now);
    return ClaimRules.firstProblem(
            // OIDC Core 9: iss, sub, aud, jti and exp are REQUIRED; iat is OPTIONAL
            () -> rules.present("iss", "sub", "aud", "jti", "exp"),
            // RFC 7523 3 items 1 and 2.B: for client authentication both are the client_id
            () -> rules.issuer(clientId),
            () -> rules.subject(clientId),
            () -> rules.audience(acceptedAudiences),
            rules::notExpired,
            rules::notBeforeReached,
            rules::notIssuedInFuture)
        .<AssertionCheck>map(AssertionCheck.Refused::new)
        .orElseGet(
            () -> new AssertionCheck.Verified(set.getJWTID(), set.getExpirationTime().toInstant()));
  }
}
