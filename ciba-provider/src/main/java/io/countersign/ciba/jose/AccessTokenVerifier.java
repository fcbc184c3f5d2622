package io.countersign.ciba.jose;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a JWT access token the way RFC 9068 section 4 tells a resource server to: the gateway uses
 * it for agents that authenticate with OAuth.
 */
public final class AccessTokenVerifier {

  /** The algorithms the provider signs with; nothing else can be one of its tokens. */
  private static final Set<JWSAlgorithm> ALGORITHMS =
      Arrays.stream(SigningAlgorithm.values())
          .map(SigningAlgorithm::jws)
          .collect(Collectors.toUnmodifiableSet());

  private AccessTokenVerifier() {}

  /**
   * Whether {@code jwt} is an access token of {@code issuer} for {@code audience} at {@code now}.
   * Never throws for bad input.
   *
   * @param providerKeys the issuer's published keys ({@link KeyRing#publicSet})
   */
  public static TokenCheck verify(
      String jwt, String issuer, String audience, JWKSet providerKeys, Instant now) {
    Outcome<SignedJWT> parsed = SignedJwts.parse(jwt);
    if (parsed instanceof Outcome.Problem<SignedJWT> p) {
      return new TokenCheck.Invalid(p.reason());
    }
    SignedJWT token = ((Outcome.Ok<SignedJWT>) parsed).value();
    Optional<String> problem =
        ClaimRules.firstProblem(
            () -> typeProblem(token.getHeader().getType()),
            () -> SignedJwts.signatureProblem(token, providerKeys, ALGORITHMS, true));
    if (problem.isPresent()) {
      return new TokenCheck.Invalid(problem.get());
    }
    Outcome<JWTClaimsSet> claims = SignedJwts.claims(token);
    if (claims instanceof Outcome.Problem<JWTClaimsSet> p) {
      return new TokenCheck.Invalid(p.reason());
    }
    JWTClaimsSet set = ((Outcome.Ok<JWTClaimsSet>) claims).value();
    ClaimRules rules = new ClaimRules("token", set, now);
    return ClaimRules.firstProblem(
            // RFC 9068 section 2.2: the claims every access token carries
            () -> rules.present("iss", "exp", "aud", "sub", "client_id", "iat", "jti"),
            () -> rules.issuer(issuer),
            () -> rules.audience(Set.of(audience)),
            rules::notExpired,
            rules::notBeforeReached,
            rules::notIssuedInFuture)
        .<TokenCheck>map(TokenCheck.Invalid::new)
        .orElseGet(() -> new TokenCheck.Valid(set));
  }

  /**
   * RFC 9068 section 4: {@code typ} must be {@code at+jwt} or {@code application/at+jwt}, so that
   * an ID token or any other JWT of the issuer is never taken for an access token. Media types are
   * compared without case (RFC 7515 section 4.1.9).
   */
  private static Optional<String> typeProblem(JOSEObjectType typ) {
    String type = typ == null ? "" : typ.getType().toLowerCase(Locale.ROOT);
    return type.equals("at+jwt") || type.equals("application/at+jwt")
        ? Optional.empty()
        : Optional.of("typ " + Text.quote(typ == null ? null : typ.getType()) + " is not at+jwt");
  }
}
