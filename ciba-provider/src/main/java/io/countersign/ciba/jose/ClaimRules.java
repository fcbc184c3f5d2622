package io.countersign.ciba.jose;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The claim checks shared by the verifiers, each returning the sentence that refuses, or empty.
 * {@code what} names the JWT in those sentences ("token", "request", "client assertion").
 */
final class ClaimRules {

  /**
   * Clock skew tolerated on {@code nbf} and {@code iat} (RFC 7519 sections 4.1.4, 4.1.5 allow "some
   * small leeway"). Never on {@code exp}: an expired JWT is refused the second it expires.
   */
  static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

  /** One check. */
  interface Rule {
    Optional<String> problem();
  }

  private final String what;
  private final JWTClaimsSet claims;
  private final Instant now;

  ClaimRules(String what, JWTClaimsSet claims, Instant now) {
    this.what = what;
    this.claims = claims;
    this.now = now;
  }

  /** The first problem the rules find, in order. */
  static Optional<String> firstProblem(Rule... rules) {
    return Arrays.stream(rules).map(Rule::problem).flatMap(Optional::stream).findFirst();
  }

  Optional<String> present(String... names) {
    return Arrays.stream(names)
        .filter(name -> claims.getClaim(name) == null)
        .findFirst()
        .map(name -> what + " has no " + name + " claim");
  }

  Optional<String> issuer(String expected) {
    String iss = claims.getIssuer();
    return expected.equals(iss)
        ? Optional.empty()
        : Optional.of(what + " issuer " + Text.quote(iss) + " is not " + expected);
  }

  Optional<String> subject(String expected) {
    String sub = claims.getSubject();
    return expected.equals(sub)
        ? Optional.empty()
        : Optional.of(what + " subject " + Text.quote(sub) + " is not " + expected);
  }

  /** RFC 7519 section 4.1.3: {@code aud} must contain a value the recipient identifies with. */
  Optional<String> audience(Set<String> accepted) {
    List<String> aud = claims.getAudience();
    if (aud.stream().anyMatch(accepted::contains)) {
      return Optional.empty();
    }
    return Optional.of(
        what
            + " audience "
            + aud.stream().map(Text::quote).collect(Collectors.joining(", ", "[", "]"))
            + " not accepted (expected "
            + accepted.stream().sorted().collect(Collectors.joining(" or "))
            + ")");
  }

  /** RFC 7519 section 4.1.4, without leeway: expired at {@code exp} exactly. */
  Optional<String> notExpired() {
    Date exp = claims.getExpirationTime();
    if (exp == null) {
      return Optional.of(what + " has no exp claim");
    }
    return now.isBefore(exp.toInstant())
        ? Optional.empty()
        : Optional.of(what + " expired at " + exp.toInstant());
  }

  /** RFC 7519 section 4.1.5, with {@link #CLOCK_SKEW}. */
  Optional<String> notBeforeReached() {
    Date nbf = claims.getNotBeforeTime();
    return nbf != null && nbf.toInstant().isAfter(now.plus(CLOCK_SKEW))
        ? Optional.of(what + " is not valid before " + nbf.toInstant())
        : Optional.empty();
  }

  /** RFC 7519 section 4.1.6: a JWT issued in the future, beyond {@link #CLOCK_SKEW}, is refused. */
  Optional<String> notIssuedInFuture() {
    Date iat = claims.getIssueTime();
    return iat != null && iat.toInstant().isAfter(now.plus(CLOCK_SKEW))
        ? Optional.of(what + " is issued in the future, at " + iat.toInstant())
        : Optional.empty();
  }
}
