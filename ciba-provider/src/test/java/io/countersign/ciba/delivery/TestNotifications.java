package io.countersign.ciba.delivery;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.util.Date;
import java.util.Optional;

/** Fixtures: a client's token, a request id, tokens and authorization details. */
final class TestNotifications {

  static final String CLIENT_NOTIFICATION_TOKEN = "8d67dc78-7faa-4d41-aabd-67707b374255";
  static final String AUTH_REQ_ID = "1c266114-a1be-4252-8ad1-04986c5b9ac1";
  static final String ACCESS_TOKEN = "G5kXH2wHvUra0sHlDy1iTkDJgsgUO1bN";
  static final long EXPIRES_IN = 120;

  /** RFC 9396 details with a number beyond long and a decimal without an exact double. */
  static final String AUTHORIZATION_DETAILS =
      "[{\"type\":\"payment_initiation\",\"instructedAmount\":"
          + "{\"currency\":\"EUR\",\"amount\":12345678901234567890},\"fee\":0.1}]";

  private static final ECKey SIGNING_KEY = generateKey();

  private TestNotifications() {}

  static Notification ping(URI endpoint) {
    return Notification.ping(endpoint, CLIENT_NOTIFICATION_TOKEN, AUTH_REQ_ID);
  }

  static Notification pushTokens(URI endpoint) {
    return Notification.pushTokens(
        endpoint,
        CLIENT_NOTIFICATION_TOKEN,
        AUTH_REQ_ID,
        ACCESS_TOKEN,
        idToken(AUTH_REQ_ID),
        EXPIRES_IN,
        Optional.of(AUTHORIZATION_DETAILS));
  }

  /** An ES256 ID token carrying {@code urn:openid:params:jwt:claim:auth_req_id}. */
  static String idToken(String authReqId) {
    var claims =
        new JWTClaimsSet.Builder()
            .issuer("https://countersign.example/tenant-a")
            .subject("alice")
            .audience("s6BhdRkqt3")
            .issueTime(new Date(1_800_000_000_000L))
            .expirationTime(new Date(1_800_000_600_000L))
            .claim("urn:openid:params:jwt:claim:auth_req_id", authReqId)
            .build();
    var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), claims);
    try {
      jwt.sign(new ECDSASigner(SIGNING_KEY));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  private static ECKey generateKey() {
    try {
      return new ECKeyGenerator(Curve.P_256).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
