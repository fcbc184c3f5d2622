package io.countersign.ciba.jose;

import static io.countersign.ciba.jose.TestJwts.ATTACKER_EC;
import static io.countersign.ciba.jose.TestJwts.CLIENT_EC;
import static io.countersign.ciba.jose.TestJwts.CLIENT_RSA;
import static io.countersign.ciba.jose.TestJwts.NOW;
import static io.countersign.ciba.jose.TestJwts.date;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.util.JWTClaimsSetUtils;
import jakarta.json.Json;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignedRequestVerifierTest {

  private static final String ISSUER = "https://as.example/t/acme";
  private static final String CLIENT = "billing-agent";
  private static final JWKSet CLIENT_KEYS = new JWKSet(List.<JWK>of(CLIENT_EC, CLIENT_RSA));
  private static final Set<JWSAlgorithm> ES256 = Set.of(JWSAlgorithm.ES256);
  private static final String DETAILS =
      "[{\"type\":\"mcp_tool_call\",\"amount\":12345678901234567890,\"rate\":0.1}]";

  private static JWTClaimsSet.Builder claims() {
    return new JWTClaimsSet.Builder()
        .issuer(CLIENT)
        .audience(ISSUER)
        .expirationTime(date(NOW.plusSeconds(300)))
        .issueTime(date(NOW))
        .notBeforeTime(date(NOW))
        .jwtID("req-jti-1")
        .claim("scope", "openid")
        .claim("login_hint", "alice")
        .claim("binding_message", "CS-4F2K")
        .claim("requested_expiry", 120);
  }

  private static String signed(UnaryOperator<JWTClaimsSet.Builder> change) {
    return TestJwts.sign(
        CLIENT_EC,
        TestJwts.header(JWSAlgorithm.ES256, "client-ec").build(),
        change.apply(claims()).build());
  }

  private static SignedRequestCheck verify(String jwt, boolean fapi) {
    return SignedRequestVerifier.verify(jwt, CLIENT, ISSUER, CLIENT_KEYS, ES256, fapi, NOW);
  }

  private static void assertRefused(SignedRequestCheck check, String descriptionPart) {
    SignedRequestCheck.Refused refused = assertInstanceOf(SignedRequestCheck.Refused.class, check);
    assertTrue(refused.description().contains(descriptionPart), refused.description());
  }

  @Test
  void currentRequestIsVerified() {
    SignedRequestCheck.Verified verified =
        assertInstanceOf(SignedRequestCheck.Verified.class, verify(signed(c -> c), true));
    assertEquals("req-jti-1", verified.jti());
    assertEquals(NOW.plusSeconds(300), verified.expiresAt());
    assertEquals("alice", verified.claims().getClaim("login_hint"));
  }

  @Test
  void algNoneRequestIsRefused() {
    assertRefused(verify(TestJwts.unsecured(claims().build()), false), "alg none is not accepted");
  }

  @Test
  void requestSignedWithAnotherKeyIsRefused() {
    String forged =
        TestJwts.sign(
            ATTACKER_EC,
            TestJwts.header(JWSAlgorithm.ES256, "client-ec").build(),
            claims().build());
    assertRefused(verify(forged, false), "signature does not verify with key kid=client-ec");
  }

  @Test
  void requestSignedWithAnUnknownKidIsRefused() {
    String forged =
        TestJwts.sign(
            ATTACKER_EC,
            TestJwts.header(JWSAlgorithm.ES256, "attacker-ec").build(),
            claims().build());
    assertRefused(verify(forged, false), "signed with an unknown key kid=attacker-ec");
  }

  @Test
  void requestWithoutKidIsVerifiedWithTheMatchingKey() {
    String jwt =
        TestJwts.sign(
            CLIENT_EC, new JWSHeader.Builder(JWSAlgorithm.ES256).build(), claims().build());
    assertInstanceOf(SignedRequestCheck.Verified.class, verify(jwt, false));
  }

  @Test
  void requestWithoutKidSignedByAStrangerIsRefused() {
    String forged =
        TestJwts.sign(
            ATTACKER_EC, new JWSHeader.Builder(JWSAlgorithm.ES256).build(), claims().build());
    assertRefused(verify(forged, false), "signature does not verify with any key");
  }

  /** The attacker ships its own public key in the header; only the registered set counts. */
  @Test
  void keyEmbeddedInTheHeaderIsIgnored() {
    String forged =
        TestJwts.sign(
            ATTACKER_EC,
            new JWSHeader.Builder(JWSAlgorithm.ES256).jwk(ATTACKER_EC.toPublicJWK()).build(),
            claims().build());
    assertRefused(verify(forged, false), "signature does not verify with any key");
  }

  @Test
  void algorithmOtherThanTheRegisteredOneIsRefused() {
    String jwt =
        TestJwts.sign(
            CLIENT_RSA,
            TestJwts.header(JWSAlgorithm.PS256, "client-rsa").build(),
            claims().build());
    assertRefused(verify(jwt, false), "alg PS256 is not accepted (accepted: ES256)");
    assertInstanceOf(
        SignedRequestCheck.Verified.class,
        SignedRequestVerifier.verify(
            jwt, CLIENT, ISSUER, CLIENT_KEYS, Set.of(JWSAlgorithm.PS256), true, NOW));
  }

  @Test
  void hmacRequestIsRefusedEvenWhenRegistered() {
    String jwt =
        TestJwts.hs256(
            new byte[32], TestJwts.header(JWSAlgorithm.HS256, "client-ec"), claims().build());
    assertRefused(
        SignedRequestVerifier.verify(
            jwt, CLIENT, ISSUER, CLIENT_KEYS, Set.of(JWSAlgorithm.HS256), false, NOW),
        "symmetric");
  }

  @Test
  void fapiRefusesRs256EvenWhenRegistered() {
    String jwt =
        TestJwts.sign(
            CLIENT_RSA,
            TestJwts.header(JWSAlgorithm.RS256, "client-rsa").build(),
            claims().build());
    Set<JWSAlgorithm> rs256 = Set.of(JWSAlgorithm.RS256);
    assertRefused(
        SignedRequestVerifier.verify(jwt, CLIENT, ISSUER, CLIENT_KEYS, rs256, true, NOW),
        "alg RS256 is not allowed by FAPI");
    assertInstanceOf(
        SignedRequestCheck.Verified.class,
        SignedRequestVerifier.verify(jwt, CLIENT, ISSUER, CLIENT_KEYS, rs256, false, NOW));
  }

  @Test
  void requestFromAnotherClientIsRefused() {
    assertRefused(
        verify(signed(c -> c.issuer("other-agent")), false),
        "issuer other-agent is not billing-agent");
  }

  @Test
  void requestForAnotherProviderIsRefused() {
    assertRefused(
        verify(signed(c -> c.audience("https://as.example/t/other")), false),
        "audience [https://as.example/t/other] not accepted (expected " + ISSUER + ")");
  }

  @Test
  void audienceArrayContainingTheIssuerIsAccepted() {
    assertInstanceOf(
        SignedRequestCheck.Verified.class,
        verify(signed(c -> c.audience(List.of("https://elsewhere.example", ISSUER))), false));
  }

  @Test
  void expiredRequestIsRefused() {
    String jwt =
        signed(
            c ->
                c.issueTime(date(NOW.minusSeconds(600)))
                    .notBeforeTime(date(NOW.minusSeconds(600)))
                    .expirationTime(date(NOW)));
    assertRefused(verify(jwt, false), "request expired at " + NOW);
  }

  @ParameterizedTest
  @ValueSource(strings = {"iss", "aud", "exp", "iat", "nbf", "jti"})
  void requestMissingARequiredClaimIsRefused(String claim) {
    assertRefused(
        verify(signed(c -> c.claim(claim, null)), false), "request has no " + claim + " claim");
  }

  @Test
  void requestNotYetValidIsRefusedBeyondTheSkew() {
    assertInstanceOf(
        SignedRequestCheck.Verified.class,
        verify(signed(c -> c.notBeforeTime(date(NOW.plusSeconds(60)))), false));
    assertRefused(
        verify(signed(c -> c.notBeforeTime(date(NOW.plusSeconds(61)))), false),
        "request is not valid before " + NOW.plusSeconds(61));
  }

  @Test
  void requestIssuedInTheFutureIsRefused() {
    assertRefused(
        verify(signed(c -> c.issueTime(date(NOW.plusSeconds(3600)))), false),
        "request is issued in the future");
  }

  @Test
  void fapiRequestLivingOverAnHourIsRefused() {
    String jwt =
        signed(c -> c.expirationTime(date(NOW.plus(Duration.ofMinutes(60)).plusSeconds(1))));
    assertRefused(
        verify(jwt, true), "request lives 3601 s from nbf to exp; FAPI allows at most 3600 s");
    assertInstanceOf(SignedRequestCheck.Verified.class, verify(jwt, false));
  }

  @Test
  void fapiRequestLivingExactlyAnHourIsVerified() {
    String jwt = signed(c -> c.expirationTime(date(NOW.plus(Duration.ofMinutes(60)))));
    assertInstanceOf(SignedRequestCheck.Verified.class, verify(jwt, true));
  }

  @Test
  void requestObjectNestingAnotherRequestIsRefused() {
    assertRefused(
        verify(signed(c -> c.claim("request_uri", "https://evil.example/r")), false),
        "must not contain request or request_uri");
  }

  @Test
  void encryptedRequestIsRefused() throws Exception {
    EncryptedJWT jwe =
        new EncryptedJWT(
            new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A128GCM), claims().build());
    jwe.encrypt(new RSAEncrypter(CLIENT_RSA.toRSAPublicKey()));
    assertRefused(verify(jwe.serialize(), false), "encrypted JWTs are not accepted");
  }

  @Test
  void garbageIsRefusedWithoutThrowing() {
    for (String garbage :
        new String[] {null, "", "x", "a.b.c", "a.b.c.d", "eyJhbGciOiJFUzI1NiJ9..x"}) {
      assertInstanceOf(
          SignedRequestCheck.Refused.class, verify(garbage, true), String.valueOf(garbage));
    }
  }

  @Test
  void parametersAreTheRequestClaimsWithoutTheFramingOnes() {
    SignedRequestCheck.Verified verified =
        (SignedRequestCheck.Verified)
            verify(signed(c -> c.claim("authorization_details", List.of())), false);
    Map<String, List<String>> parameters = verified.parameters();
    assertEquals(
        Map.of(
            "scope", List.of("openid"),
            "login_hint", List.of("alice"),
            "binding_message", List.of("CS-4F2K"),
            "requested_expiry", List.of("120"),
            "authorization_details", List.of("[]")),
        parameters);
  }

  @Test
  void authorizationDetailsParameterIsTheExactJsonArray() {
    String jwt =
        TestJwts.signRaw(
            TestJwts.signer(CLIENT_EC),
            TestJwts.header(JWSAlgorithm.ES256, "client-ec").build(),
            claimsJsonWithDetails());
    SignedRequestCheck.Verified verified =
        assertInstanceOf(SignedRequestCheck.Verified.class, verify(jwt, true));
    String details = verified.parameters().get("authorization_details").get(0);
    assertEquals(DETAILS, details);
    assertEquals(
        Json.createReader(new StringReader(DETAILS)).readArray(),
        Json.createReader(new StringReader(details)).readArray());
  }

  /**
   * Trap 3 in ciba.md, one level deeper: Nimbus' own helper writes arrays with List.toString(), and
   * after Nimbus' own claim parsing the big amount is already a double.
   */
  @Test
  void nimbusMultiValuedParametersWouldMangleAuthorizationDetails() throws Exception {
    JWTClaimsSet nimbusParsed =
        com.nimbusds.jwt.SignedJWT.parse(
                TestJwts.signRaw(
                    TestJwts.signer(CLIENT_EC),
                    TestJwts.header(JWSAlgorithm.ES256, "client-ec").build(),
                    claimsJsonWithDetails()))
            .getJWTClaimsSet();
    String mangled =
        JWTClaimsSetUtils.toMultiValuedParameters(nimbusParsed).get("authorization_details").get(0);
    assertEquals("[{type=mcp_tool_call, amount=1.2345678901234567E19, rate=0.1}]", mangled);
    assertFalse(
        SignedRequestVerifier.parameters(nimbusParsed)
            .get("authorization_details")
            .get(0)
            .contains("12345678901234567890"),
        "given Nimbus-parsed claims, the digits are already gone: use Verified.claims()");
  }

  private static String claimsJsonWithDetails() {
    return "{\"iss\":\""
        + CLIENT
        + "\",\"aud\":\""
        + ISSUER
        + "\",\"exp\":"
        + NOW.plusSeconds(300).getEpochSecond()
        + ",\"iat\":"
        + NOW.getEpochSecond()
        + ",\"nbf\":"
        + NOW.getEpochSecond()
        + ",\"jti\":\"j-2\",\"scope\":\"openid\",\"login_hint\":\"alice\","
        + "\"authorization_details\":"
        + DETAILS
        + "}";
  }
}
