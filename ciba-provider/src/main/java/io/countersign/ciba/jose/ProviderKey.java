package io.countersign.ciba.jose;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.text.ParseException;
import java.util.Objects;

/**
 * One signing key of a tenant's issuer. The private half never leaves this class except as {@link
 * #privateJson()}, which the caller seals before storing; {@link #toString()} names the key only.
 */
public final class ProviderKey {

  /** RSA modulus size of generated PS256 keys; NIST SP 800-57 rates 3072 bits good past 2030. */
  public static final int RSA_KEY_SIZE = 3072;

  /** Smallest RSA modulus accepted from storage (FAPI 1.0 Advanced section 5.2.2 item 5). */
  public static final int MIN_RSA_KEY_SIZE = 2048;

  private final JWK privateJwk;
  private final SigningAlgorithm alg;

  private ProviderKey(JWK privateJwk, SigningAlgorithm alg) {
    this.privateJwk = privateJwk;
    this.alg = alg;
  }

  /**
   * A fresh key: EC P-256 for ES256, RSA 3072 for PS256, with {@code use=sig}, {@code alg} and a
   * {@code kid} that is its RFC 7638 thumbprint (SHA-256, base64url).
   */
  public static ProviderKey generate(SigningAlgorithm alg) {
    try {
      JWK jwk =
          switch (alg) {
            case ES256 ->
                new ECKeyGenerator(Curve.P_256)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(alg.jws())
                    .keyIDFromThumbprint(true)
                    .generate();
            case PS256 ->
                new RSAKeyGenerator(RSA_KEY_SIZE)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(alg.jws())
                    .keyIDFromThumbprint(true)
                    .generate();
          };
      return new ProviderKey(jwk, alg);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate a " + alg + " key", e);
    }
  }

  /**
   * The key stored as {@code json} by {@link #privateJson()}. Refuses anything but a private EC
   * P-256 key or a private RSA key of at least 2048 bits whose halves match; a missing {@code kid}
   * becomes the RFC 7638 thumbprint and a missing {@code alg} follows from the key type.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static ProviderKey fromPrivateJson(String json) {
    JWK jwk;
    try {
      jwk = JWK.parse(Objects.requireNonNull(json, "json"));
    } catch (ParseException e) {
      throw new IllegalArgumentException("not a JWK: " + e.getMessage(), e);
    }
    SigningAlgorithm alg = algorithmOf(jwk);
    if (!jwk.isPrivate()) {
      throw new IllegalArgumentException("the JWK has no private key");
    }
    if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
      throw new IllegalArgumentException("the JWK is for use=" + jwk.getKeyUse() + ", not sig");
    }
    ProviderKey key = new ProviderKey(normalised(jwk, alg), alg);
    key.proveHalvesMatch();
    return key;
  }

  private static SigningAlgorithm algorithmOf(JWK jwk) {
    SigningAlgorithm byType;
    if (jwk instanceof ECKey ec) {
      if (!Curve.P_256.equals(ec.getCurve())) {
        throw new IllegalArgumentException("EC key on curve " + ec.getCurve() + ", not P-256");
      }
      byType = SigningAlgorithm.ES256;
    } else if (jwk instanceof RSAKey rsa) {
      if (rsa.size() < MIN_RSA_KEY_SIZE) {
        throw new IllegalArgumentException(
            "RSA key of " + rsa.size() + " bits; at least " + MIN_RSA_KEY_SIZE + " are required");
      }
      byType = SigningAlgorithm.PS256;
    } else {
      throw new IllegalArgumentException("key type " + jwk.getKeyType() + " is neither EC nor RSA");
    }
    if (jwk.getAlgorithm() != null
        && !byType.jws().getName().equals(jwk.getAlgorithm().getName())) {
      throw new IllegalArgumentException(
          "alg " + jwk.getAlgorithm() + " does not fit a " + jwk.getKeyType() + " provider key");
    }
    return byType;
  }

  private static JWK normalised(JWK jwk, SigningAlgorithm alg) {
    try {
      String kid = jwk.getKeyID() != null ? jwk.getKeyID() : jwk.computeThumbprint().toString();
      if (jwk instanceof ECKey ec) {
        return new ECKey.Builder(ec)
            .keyUse(KeyUse.SIGNATURE)
            .algorithm(alg.jws())
            .keyID(kid)
            .build();
      }
      return new RSAKey.Builder((RSAKey) jwk)
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(alg.jws())
          .keyID(kid)
          .build();
    } catch (JOSEException e) {
      throw new IllegalArgumentException("cannot compute the JWK thumbprint", e);
    }
  }

  /** A stored key whose private half does not match its public half would sign garbage. */
  private void proveHalvesMatch() {
    try {
      JWSObject probe = new JWSObject(new JWSHeader(alg.jws()), new Payload("probe"));
      probe.sign(signer());
      boolean verified =
          probe.verify(
              privateJwk instanceof ECKey ec
                  ? new ECDSAVerifier(ec.toECPublicKey())
                  : new RSASSAVerifier(((RSAKey) privateJwk).toRSAPublicKey()));
      if (!verified) {
        throw new IllegalArgumentException("the private and public halves of the JWK differ");
      }
    } catch (JOSEException e) {
      throw new IllegalArgumentException("the JWK cannot sign: " + e.getMessage(), e);
    }
  }

  /** The key id: the RFC 7638 thumbprint for generated keys. */
  public String kid() {
    return privateJwk.getKeyID();
  }

  public SigningAlgorithm alg() {
    return alg;
  }

  /** The full key, private half included. */
  public JWK privateJwk() {
    return privateJwk;
  }

  /** The public half only, with {@code use=sig}, {@code alg} and {@code kid}, for the JWK set. */
  public JWK publicJwk() {
    return privateJwk.toPublicJWK();
  }

  /** The full private JWK as JSON; seal it before it touches storage. */
  public String privateJson() {
    return privateJwk.toJSONString();
  }

  /** A signer for {@link #alg()}. */
  public JWSSigner signer() {
    try {
      return privateJwk instanceof ECKey ec
          ? new ECDSASigner(ec)
          : new RSASSASigner((RSAKey) privateJwk);
    } catch (JOSEException e) {
      throw new IllegalStateException("key " + kid() + " cannot sign", e);
    }
  }

  /** The JWS algorithm this key signs with, as Nimbus names it. */
  JWSAlgorithm jws() {
    return alg.jws();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ProviderKey key && key.privateJwk.equals(privateJwk);
  }

  @Override
  public int hashCode() {
    return privateJwk.hashCode();
  }

  /** Names the key; never prints key material. */
  @Override
  public String toString() {
    return "ProviderKey[kid=" + kid() + ", alg=" + alg + "]";
  }
}
