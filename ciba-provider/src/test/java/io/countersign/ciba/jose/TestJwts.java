package io.countersign.ciba.jose;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;

/** Keys and hand-made JWTs for the tests, including the malicious ones. */
final class TestJwts {

  static final Instant NOW = Instant.parse("2026-11-02T10:00:00Z");

  /** Generated once: immutable, and RSA generation is slow. */
  static final ProviderKey PROVIDER_ES256 = ProviderKey.generate(SigningAlgorithm.ES256);

  static final ProviderKey PROVIDER_PS256 = ProviderKey.generate(SigningAlgorithm.PS256);

  static final ECKey CLIENT_EC = ecKey("client-ec");
  static final RSAKey CLIENT_RSA = rsaKey("client-rsa", 2048);
  static final ECKey ATTACKER_EC = ecKey("attacker-ec");

  private TestJwts() {}

  static ECKey ecKey(String kid) {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  static RSAKey rsaKey(String kid, int bits) {
    try {
      return new RSAKeyGenerator(bits, true).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  static Date date(Instant instant) {
    return Date.from(instant);
  }

  static JWSSigner signer(JWK key) {
    try {
      if (key instanceof ECKey ec) {
        return new ECDSASigner(ec);
      }
      return new RSASSASigner(((RSAKey) key).toPrivateKey(), true);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code claims} signed by {@code key} under {@code header}. */
  static String sign(JWK key, JWSHeader header, JWTClaimsSet claims) {
    return sign(signer(key), header, claims);
  }

  static String sign(JWSSigner signer, JWSHeader header, JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(header, claims);
      jwt.sign(signer);
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A raw JSON payload signed as is, for payloads Nimbus would never build. */
  static String signRaw(JWSSigner signer, JWSHeader header, String payloadJson) {
    try {
      JWSObject jws = new JWSObject(header, new Payload(payloadJson));
      jws.sign(signer);
      return jws.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code claims} as an unsecured JWT, {@code alg: none}. */
  static String unsecured(JWTClaimsSet claims) {
    return new PlainJWT(claims).serialize();
  }

  /** The key-confusion attack: HS256 with the verifier's public key bytes as the secret. */
  static String hs256(byte[] secret, JWSHeader.Builder header, JWTClaimsSet claims) {
    try {
      return sign(new MACSigner(secret), header.build(), claims);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The JWT with its signature replaced by {@code signature}. */
  static String withSignature(String jwt, Base64URL signature) {
    return jwt.substring(0, jwt.lastIndexOf('.') + 1) + signature;
  }

  /** The JWT with its payload replaced, signature kept. */
  static String withPayload(String jwt, String payloadJson) {
    String[] parts = jwt.split("\\.");
    return parts[0]
        + "."
        + Base64URL.encode(payloadJson.getBytes(StandardCharsets.UTF_8))
        + "."
        + parts[2];
  }

  static JWSHeader.Builder header(JWSAlgorithm alg, String kid) {
    return new JWSHeader.Builder(alg).keyID(kid);
  }
}
