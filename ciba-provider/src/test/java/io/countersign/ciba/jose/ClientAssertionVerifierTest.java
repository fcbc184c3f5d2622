package io.countersign.ciba.jose;

import static io.countersign.ciba.jose.TestJwts.ATTACKER_EC;
import static io.countersign.ciba.jose.TestJwts.CLIENT_EC;
import static io.countersign.ciba.jose.TestJwts.CLIENT_RSA;
import static io.countersign.ciba.jose.TestJwts.NOW;
import static io.countersign.ciba.jose.TestJwts.date;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ClientAssertionVerifierTest {

  private static final String ISSUER = "https://as.example/t/acme";
  private static final String TOKEN_ENDPOINT = ISSUER + "/token";
  private static final Set<String> AUDIENCES =
      Set.of(ISSUER, TOKEN_ENDPOINT, ISSUER + "/bc-authorize");
  private static final String CLIENT = "billing-agent";
  private static final JWKSet CLIENT_KEYS = new JWKSet(List.<JWK>of(CLIENT_EC, CLIENT_RSA));
  private static final Set<JWSAlgorithm> ALGS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256);

  private static String assertion(UnaryOperator<JWTClaimsSet.Builder> change) {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(CLIENT)
            .subject(CLIENT)
            .audience(TOKEN_ENDPOINT)
            .expirationTime(date(NOW.plusSeconds(60)))
            .issueTime(date(NOW))
            .jwtID("assertion-1");
    return TestJwts.sign(
        CLIENT_EC,
        TestJwts.header(JWSAlgorithm.ES256, "client-ec").build(),
        change.apply(claims).build());
  }

  private static AssertionCheck verify(String assertion) {
    return ClientAssertionVerifier.verify(
        assertion, ClientAssertionVerifier.JWT_BEARER, CLIENT, AUDIENCES, CLIENT_KEYS, ALGS, NOW);
  }

  private static void assertRefused(AssertionCheck check, String descriptionPart) {
    AssertionCheck.Refused refused = assertInstanceOf(AssertionCheck.Refused.class, check);
    assertTrue(refused.description().contains(descriptionPart), refused.description());
  }

  @Test
  void currentAssertionAuthenticatesTheClient() {
    assertEquals(
        new AssertionCheck.Verified("assertion-1", NOW.plusSeconds(60)), verify(assertion(c -> c)));
  }

  @Test
  void issuerIdentifierIsAnAcceptedAudience() {
    assertInstanceOf(AssertionCheck.Verified.class, verify(assertion(c -> c.audience(ISSUER))));
  }

  @Test
  void otherAssertionTypeIsRefused() {
    assertRefused(
        ClientAssertionVerifier.verify(
            assertion(c -> c),
            "urn:ietf:params:oauth:client-assertion-type:saml2-bearer",
            CLIENT,
            AUDIENCES,
            CLIENT_KEYS,
            ALGS,
            NOW),
        "client_assertion_type urn:ietf:params:oauth:client-assertion-type:saml2-bearer is not");
  }

  @Test
  void assertionOfAnotherClientIsRefused() {
    assertRefused(verify(assertion(c -> c.issuer("victim"))), "issuer victim is not billing-agent");
  }

  @Test
  void assertionWhoseSubjectIsNotTheClientIsRefused() {
    assertRefused(verify(assertion(c -> c.subject("alice"))), "subject alice is not billing-agent");
  }

  /** An assertion made for another server must not be replayed here (RFC 7523 section 3 item 3). */
  @Test
  void assertionForAnotherServerIsRefused() {
    assertRefused(
        verify(assertion(c -> c.audience("https://other-as.example/token"))),
        "audience [https://other-as.example/token] not accepted");
  }

  @Test
  void expiredAssertionIsRefused() {
    assertRefused(
        verify(assertion(c -> c.expirationTime(date(NOW.minusSeconds(1))))), "expired at");
  }

  @Test
  void assertionWithoutJtiIsRefused() {
    assertRefused(verify(assertion(c -> c.jwtID(null))), "client assertion has no jti claim");
  }

  @Test
  void assertionWithoutExpIsRefused() {
    assertRefused(
        verify(assertion(c -> c.expirationTime(null))), "client assertion has no exp claim");
  }

  @Test
  void algNoneAssertionIsRefused() {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder().issuer(CLIENT).subject(CLIENT).audience(TOKEN_ENDPOINT).build();
    assertRefused(verify(TestJwts.unsecured(claims)), "alg none is not accepted");
  }

  @Test
  void hmacAssertionIsRefusedEvenWhenAllowed() {
    String jwt =
        TestJwts.hs256(
            new byte[32],
            TestJwts.header(JWSAlgorithm.HS256, "client-ec"),
            new JWTClaimsSet.Builder().issuer(CLIENT).build());
    assertRefused(
        ClientAssertionVerifier.verify(
            jwt,
            ClientAssertionVerifier.JWT_BEARER,
            CLIENT,
            AUDIENCES,
            CLIENT_KEYS,
            Set.of(JWSAlgorithm.HS256),
            NOW),
        "alg HS256 is symmetric and not accepted");
  }

  @Test
  void assertionSignedByAnotherKeyIsRefused() {
    String forged =
        TestJwts.sign(
            ATTACKER_EC,
            TestJwts.header(JWSAlgorithm.ES256, "client-ec").build(),
            new JWTClaimsSet.Builder().issuer(CLIENT).subject(CLIENT).build());
    assertRefused(verify(forged), "signature does not verify with key kid=client-ec");
  }

  @Test
  void rs256AssertionIsVerifiedWhenAllowed() {
    String jwt =
        TestJwts.sign(
            CLIENT_RSA,
            TestJwts.header(JWSAlgorithm.RS256, "client-rsa").build(),
            new JWTClaimsSet.Builder()
                .issuer(CLIENT)
                .subject(CLIENT)
                .audience(TOKEN_ENDPOINT)
                .expirationTime(date(NOW.plusSeconds(60)))
                .jwtID("a-rsa")
                .build());
    assertInstanceOf(AssertionCheck.Verified.class, verify(jwt));
  }

  @Test
  void weakRsaKeyIsNeverUsed() {
    RSAKey weak = TestJwts.rsaKey("weak", 1024);
    String jwt =
        TestJwts.sign(
            weak,
            TestJwts.header(JWSAlgorithm.RS256, "weak").build(),
            new JWTClaimsSet.Builder().issuer(CLIENT).subject(CLIENT).build());
    assertRefused(
        ClientAssertionVerifier.verify(
            jwt,
            ClientAssertionVerifier.JWT_BEARER,
            CLIENT,
            AUDIENCES,
            new JWKSet(weak.toPublicJWK()),
            ALGS,
            NOW),
        "key kid=weak cannot verify alg RS256");
  }

  @Test
  void garbageIsRefusedWithoutThrowing() {
    for (String garbage : new String[] {null, "", "x.y", "a.b.c"}) {
      assertInstanceOf(AssertionCheck.Refused.class, verify(garbage));
    }
    assertInstanceOf(
        AssertionCheck.Refused.class,
        ClientAssertionVerifier.verify(
            assertion(c -> c), null, CLIENT, AUDIENCES, CLIENT_KEYS, ALGS, NOW));
  }
}
