package io.countersign.ciba.jose;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a signed authentication request: the {@code request} parameter of the backchannel
 * authentication endpoint (CIBA Core 1.0 section 7.1.1; FAPI-CIBA section 5.2.2).
 */
public final class SignedRequestVerifier {

  /** FAPI 1.0 Advanced section 5.2.2 items 13 and 17, through FAPI-CIBA section 5.2.2. */
  public static final Duration FAPI_MAX_LIFETIME = Duration.ofMinutes(60);

  /** FAPI 1.0 Advanced section 8.6: the only algorithms a FAPI client may sign with. */
  private static final Set<JWSAlgorithm> FAPI_ALGORITHMS =
      Set.of(JWSAlgorithm.PS256, JWSAlgorithm.ES256);

  /** The JWT claims that frame the request and are not request parameters. */
  private static final Set<String> FRAMING_CLAIMS =
      Set.of("iss", "aud", "exp", "iat", "nbf", "jti");

  private SignedRequestVerifier() {}

  /**
   * Whether {@code requestJwt} is a current request signed by client {@code clientId} for this
   * provider. Never throws for bad input; replay of {@code jti} is the caller's to detect.
   *
   * @param issuer the provider's issuer identifier, which {@code aud} must contain
   * @param clientKeys the client's registered JWK set
   * @param allowedAlgs the client's {@code backchannel_authentication_request_signing_alg}
   * @param fapi whether the client is under FAPI-CIBA
   */
  public static SignedRequestCheck verify(
      String requestJwt,
      String clientId,
      String issuer,
      JWKSet clientKeys,
      Set<JWSAlgorithm> allowedAlgs,
      boolean fapi,
      Instant now) {
    Outcome<SignedJWT> parsed = SignedJwts.parse(requestJwt);
    if (parsed instanceof Outcome.Problem<SignedJWT> p) {
      return new SignedRequestCheck.Refused(p.reason());
    }
    SignedJWT request = ((Outcome.Ok<SignedJWT>) parsed).value();
    JWSAlgorithm alg = request.getHeader().getAlgorithm();
    Optional<String> problem =
        ClaimRules.firstProblem(
            () ->
                fapi && !FAPI_ALGORITHMS.contains(alg)
                    ? Optional.of("alg " + Text.quote(alg.getName()) + " is not allowed by FAPI")
                    : Optional.empty(),
            () -> SignedJwts.signatureProblem(request, clientKeys, allowedAlgs, false));
    if (problem.isPresent()) {
      return new SignedRequestCheck.Refused(problem.get());
    }
    Outcome<JWTClaimsSet> claims = SignedJwts.claims(request);
    if (claims instanceof Outcome.Problem<JWTClaimsSet> p) {
      return new SignedRequestCheck.Refused(p.reason());
    }
    JWTClaimsSet set = ((Outcome.Ok<JWTClaimsSet>) claims).value();
    ClaimRules rules = new ClaimRules("request", set, now);
    return ClaimRules.firstProblem(
            // CIBA Core 7.1.1: "iss", "aud", "exp", "iat", "nbf" and "jti" are all REQUIRED
            () -> rules.present("iss", "aud", "exp", "iat", "nbf", "jti"),
            () -> rules.issuer(clientId),
            () -> rules.audience(Set.of(issuer)),
            rules::notExpired,
            rules::notBeforeReached,
            rules::notIssuedInFuture,
            () -> fapi ? fapiLifetimeProblem(set) : Optional.empty(),
            () -> nestedRequestProblem(set))
        .<SignedRequestCheck>map(SignedRequestCheck.Refused::new)
        .orElseGet(
            () ->
                new SignedRequestCheck.Verified(
                    set, set.getJWTID(), set.getExpirationTime().toInstant()));
  }

  /**
   * The request parameters carried by {@code claims} (CIBA Core 7.1.1), ready for Nimbus' {@code
   * CIBARequest.parse}: every claim but {@code iss}, {@code aud}, {@code exp}, {@code iat}, {@code
   * nbf} and {@code jti}; strings as they are, objects and arrays (such as {@code
   * authorization_details}) as JSON text, other values as their JSON text.
   *
   * <p>Not Nimbus' {@code JWTClaimsSetUtils.toMultiValuedParameters}: it drops {@code sub} along
   * with the other registered claims, and writes arrays with {@code List.toString()}, so {@code
   * authorization_details} would come out as {@code [{type=payment, ...}]} rather than JSON.
   */
  public static Map<String, List<String>> parameters(JWTClaimsSet claims) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    claims
        .getClaims()
        .forEach(
            (name, value) -> {
              if (!FRAMING_CLAIMS.contains(name) && value != null) {
                parameters.put(name, List.of(parameterValue(value)));
              }
            });
    return parameters;
  }

  @SuppressWarnings("unchecked")
  private static String parameterValue(Object value) {
    if (value instanceof Map<?, ?> map) {
      return JSONObjectUtils.toJSONString((Map<String, ?>) map);
    }
    if (value instanceof List<?> list) {
      return JSONArrayUtils.toJSONString(list);
    }
    return value.toString();
  }

  /** FAPI 1.0 Advanced 5.2.2 item 13: {@code exp} no more than 60 minutes after {@code nbf}. */
  private static Optional<String> fapiLifetimeProblem(JWTClaimsSet claims) {
    Duration lifetime =
        Duration.between(
            claims.getNotBeforeTime().toInstant(), claims.getExpirationTime().toInstant());
    return lifetime.compareTo(FAPI_MAX_LIFETIME) > 0
        ? Optional.of(
            "request lives "
                + lifetime.toSeconds()
                + " s from nbf to exp; FAPI allows at most "
                + FAPI_MAX_LIFETIME.toSeconds()
                + " s")
        : Optional.empty();
  }

  /** OIDC Core 6.1: request and request_uri must not appear inside a request object. */
  private static Optional<String> nestedRequestProblem(JWTClaimsSet claims) {
    return claims.getClaim("request") != null || claims.getClaim("request_uri") != null
        ? Optional.of("request must not contain request or request_uri")
        : Optional.empty();
  }
}
