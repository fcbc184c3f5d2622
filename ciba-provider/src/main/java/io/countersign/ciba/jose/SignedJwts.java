package io.countersign.ciba.jose;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The steps every JWT the provider receives goes through before its claims mean anything: parse as
 * a JWS, check the algorithm, find the key in the expected JWK set, verify the signature, read the
 * claims. Keys named or carried in the header ({@code jwk}, {@code jku}, {@code x5u}, {@code x5c})
 * are never used: only the set the caller trusts.
 */
final class SignedJwts {

  private SignedJwts() {}

  /** The compact JWS in {@code text}; refuses unsecured JWTs, JWEs and anything else. */
  static Outcome<SignedJWT> parse(String text) {
    if (text == null || text.isBlank()) {
      return new Outcome.Problem<>("the JWT is missing");
    }
    JWT jwt;
    try {
      jwt = JWTParser.parse(text.strip());
    } catch (ParseException e) {
      return new Outcome.Problem<>("not a JWT: " + e.getMessage());
    }
    // RFC 8725 section 3.2: only a signature counts; CIBA Core 7.1.1 forbids alg none outright.
    if (jwt instanceof PlainJWT) {
      return new Outcome.Problem<>("alg none is not accepted");
    }
    if (jwt instanceof EncryptedJWT) {
      return new Outcome.Problem<>("encrypted JWTs are not accepted");
    }
    return new Outcome.Ok<>((SignedJWT) jwt);
  }

  /**
   * Empty if {@code jwt} is signed with an algorithm in {@code allowed} by a key of {@code keys};
   * otherwise the reason it is not.
   *
   * @param kidRequired whether the header must name the key; without it every key of {@code keys}
   *     that fits the algorithm is tried
   */
  static Optional<String> signatureProblem(
      SignedJWT jwt, JWKSet keys, Set<JWSAlgorithm> allowed, boolean kidRequired) {
    JWSHeader header = jwt.getHeader();
    JWSAlgorithm alg = header.getAlgorithm();
    // RFC 8725 section 3.1: the verifier picks the algorithms; a symmetric one would turn a public
    // key into an HMAC secret.
    if (JWSAlgorithm.Family.HMAC_SHA.contains(alg)) {
      return Optional.of("alg " + Text.quote(alg.getName()) + " is symmetric and not accepted");
    }
    if (!allowed.contains(alg)) {
      return Optional.of(
          "alg "
              + Text.quote(alg.getName())
              + " is not accepted (accepted: "
              + names(allowed)
              + ")");
    }
    if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
      return Optional.of("critical header parameters are not supported");
    }
    String kid = header.getKeyID();
    if (kid == null && kidRequired) {
      return Optional.of("the JWS header has no kid");
    }
    List<JWK> named =
        kid == null
            ? keys.getKeys()
            : keys.getKeys().stream().filter(k -> kid.equals(k.getKeyID())).toList();
    if (kid != null && named.isEmpty()) {
      return Optional.of("signed with an unknown key kid=" + Text.quote(kid));
    }
    List<JWK> usable = named.stream().filter(k -> canVerify(k, alg)).toList();
    if (usable.isEmpty()) {
      return Optional.of(
          kid != null
              ? "key kid=" + Text.quote(kid) + " cannot verify alg " + alg
              : "no key in the JWK set can verify alg " + alg);
    }
    if (usable.stream().anyMatch(k -> verifies(jwt, k))) {
      return Optional.empty();
    }
    return Optional.of(
        kid != null
            ? "signature does not verify with key kid=" + Text.quote(kid)
            : "signature does not verify with any key of the JWK set");
  }

  /**
   * The claims of a verified {@code jwt}, read with {@link ExactJson} so that numbers keep every
   * digit (Nimbus' own reading turns big integers into doubles).
   */
  static Outcome<JWTClaimsSet> claims(SignedJWT jwt) {
    Outcome<Map<String, Object>> json = ExactJson.object(jwt.getPayload().toString());
    if (json instanceof Outcome.Problem<Map<String, Object>> p) {
      return new Outcome.Problem<>("the claims are not a JSON object: " + p.reason());
    }
    try {
      return new Outcome.Ok<>(JWTClaimsSet.parse(((Outcome.Ok<Map<String, Object>>) json).value()));
    } catch (ParseException e) {
      return new Outcome.Problem<>("the claims are malformed: " + e.getMessage());
    }
  }

  /**
   * Whether {@code key} may verify {@code alg}: a signature key (RFC 7517 sections 4.2, 4.3) of the
   * algorithm's type, on its curve for ECDSA, of at least 2048 bits for RSA (FAPI 1.0 Advanced
   * section 5.2.2 item 5).
   */
  private static boolean canVerify(JWK key, JWSAlgorithm alg) {
    if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
      return false;
    }
    if (key.getKeyOperations() != null && !key.getKeyOperations().contains(KeyOperation.VERIFY)) {
      return false;
    }
    if (key.getAlgorithm() != null && !key.getAlgorithm().getName().equals(alg.getName())) {
      return false;
    }
    if (key instanceof RSAKey rsa) {
      return (JWSAlgorithm.Family.RSA.contains(alg)) && rsa.size() >= ProviderKey.MIN_RSA_KEY_SIZE;
    }
    if (key instanceof ECKey ec) {
      return JWSAlgorithm.Family.EC.contains(alg)
          && Curve.forJWSAlgorithm(alg).contains(ec.getCurve());
    }
    return false;
  }

  private static boolean verifies(SignedJWT jwt, JWK key) {
    try {
      JWSVerifier verifier =
          key instanceof RSAKey rsa
              ? new RSASSAVerifier(rsa.toRSAPublicKey())
              : new ECDSAVerifier(((ECKey) key).toECPublicKey());
      return jwt.verify(verifier);
    } catch (JOSEException e) {
      return false; // a malformed signature or key simply does not verify
    }
  }

  private static String names(Set<JWSAlgorithm> algs) {
    return algs.stream().map(JWSAlgorithm::getName).sorted().collect(Collectors.joining(", "));
  }
}
