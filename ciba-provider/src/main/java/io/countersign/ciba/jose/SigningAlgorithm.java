package io.countersign.ciba.jose;

import com.nimbusds.jose.JWSAlgorithm;
import java.util.Arrays;
import java.util.Optional;

/**
 * The algorithms the provider signs with. Both are the ones FAPI 1.0 Advanced section 8.6 allows
 * (and FAPI-CIBA section 5.2.2 inherits), so a tenant never has to change keys to turn FAPI on.
 */
public enum SigningAlgorithm {
  /** ECDSA with P-256 and SHA-256 (RFC 7518 section 3.4); small keys and signatures. */
  ES256(JWSAlgorithm.ES256),
  /** RSASSA-PSS with SHA-256 (RFC 7518 section 3.5); for relying parties without ECDSA. */
  PS256(JWSAlgorithm.PS256);

  /** The algorithm of a tenant that has not chosen one. */
  public static final SigningAlgorithm DEFAULT = ES256;

  private final JWSAlgorithm jws;

  SigningAlgorithm(JWSAlgorithm jws) {
    this.jws = jws;
  }

  /** The Nimbus algorithm, as written in a JWS {@code alg} header. */
  public JWSAlgorithm jws() {
    return jws;
  }

  /**
   * The algorithm named {@code name}; names are case-sensitive (RFC 7515 section 4.1.1), so {@code
   * "es256"} is empty.
   */
  public static Optional<SigningAlgorithm> parse(String name) {
    return Arrays.stream(values()).filter(a -> a.jws.getName().equals(name)).findFirst();
  }

  /** The algorithm behind a Nimbus {@code alg}, empty for any other. */
  public static Optional<SigningAlgorithm> of(JWSAlgorithm jws) {
    return Arrays.stream(values()).filter(a -> a.jws.equals(jws)).findFirst();
  }
}
