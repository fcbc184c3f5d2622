package io.countersign.ciba.jose;

import static io.countersign.ciba.jose.TestJwts.NOW;
import static io.countersign.ciba.jose.TestJwts.PROVIDER_ES256;
import static io.countersign.ciba.jose.TestJwts.date;
import static io.countersign.ciba.jose.TokenMinterTest.GATEWAY;
import static io.countersign.ciba.jose.TokenMinterTest.ISSUER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AccessTokenVerifierTest {

  private static final JWKSet KEYS = TokenMinterTest.providerKeys();
  private static final TokenMinter MINTER = new TokenMinter(ISSUER, PROVIDER_ES256);

  private static String minted(Duration lifetime) {
    return MINTER
        .clientCredentialsToken("agent", "agent", GATEWAY, Optional.of("tools"), lifetime, NOW)
        .value();
  }

  /** A token signed with our key and kid, claims as the test wants them. */
  private static String forged(JOSEObjectType typ, UnaryOperator<JWTClaimsSet.Builder> claims) {
    JWTClaimsSet.Builder base =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .subject("agent")
            .audience(GATEWAY)
            .claim("client_id", "agent")
            .jwtID("jti-1")
            .issueTime(date(NOW))
            .expirationTime(date(NOW.plusSeconds(300)));
    return TestJwts.sign(
        PROVIDER_ES256.privateJwk(),
        TestJwts.header(JWSAlgorithm.ES256, PROVIDER_ES256.kid()).type(typ).build(),
        claims.apply(base).build());
  }

  private static TokenCheck verify(String jwt, Instant now) {
    return AccessTokenVerifier.verify(jwt, ISSUER, GATEWAY, KEYS, now);
  }

  private static void assertInvalid(TokenCheck check, String reasonPart) {
    TokenCheck.Invalid invalid = assertInstanceOf(TokenCheck.Invalid.class, check);
    assertTrue(invalid.reason().contains(reasonPart), invalid.reason());
  }

  @Test
  void currentTokenIsValid() {
    TokenCheck.Valid valid =
        assertInstanceOf(TokenCheck.Valid.class, verify(minted(Duration.ofMinutes(5)), NOW));
    assertEquals("agent", valid.claims().getSubject());
  }

  @Test
  void expiredTokenIsRefusedFromTheSecondItExpires() {
    String token = minted(Duration.ofMinutes(5));
    Instant exp = NOW.plus(Duration.ofMinutes(5));
    assertInstanceOf(TokenCheck.Valid.class, verify(token, exp.minusMillis(1)));
    assertInvalid(verify(token, exp), "token expired at " + exp);
  }

  @Test
  void tokenFromAnotherIssuerIsRefused() {
    String token =
        new TokenMinter("https://evil.example", PROVIDER_ES256)
            .clientCredentialsToken(
                "agent", "agent", GATEWAY, Optional.empty(), Duration.ofMinutes(5), NOW)
            .value();
    assertInvalid(verify(token, NOW), "issuer https://evil.example is not " + ISSUER);
  }

  @Test
  void tokenForAnotherAudienceIsRefused() {
    String token = forged(TokenMinter.ACCESS_TOKEN_TYPE, c -> c.audience("https://other.example"));
    assertInvalid(verify(token, NOW), "audience [https://other.example] not accepted");
  }

  @Test
  void tokenSignedWithAnUnknownKeyIsRefused() {
    ProviderKey stranger = ProviderKey.generate(SigningAlgorithm.ES256);
    String token =
        new TokenMinter(ISSUER, stranger)
            .clientCredentialsToken(
                "agent", "agent", GATEWAY, Optional.empty(), Duration.ofMinutes(5), NOW)
            .value();
    assertInvalid(verify(token, NOW), "signed with an unknown key kid=" + stranger.kid());
  }

  @Test
  void tokenSignedByAnotherKeyUnderOurKidIsRefused() {
    String token =
        TestJwts.sign(
            TestJwts.ATTACKER_EC,
            TestJwts.header(JWSAlgorithm.ES256, PROVIDER_ES256.kid())
                .type(TokenMinter.ACCESS_TOKEN_TYPE)
                .build(),
            new JWTClaimsSet.Builder().issuer(ISSUER).build());
    assertInvalid(verify(token, NOW), "signature does not verify with key kid=");
  }

  @Test
  void tamperedClaimsAreRefused() {
    String token = minted(Duration.ofMinutes(5));
    String tampered =
        TestJwts.withPayload(
            token, "{\"iss\":\"" + ISSUER + "\",\"sub\":\"admin\",\"aud\":\"" + GATEWAY + "\"}");
    assertInvalid(verify(tampered, NOW), "signature does not verify");
  }

  @Test
  void idTokenPresentedAsAccessTokenIsRefused() {
    MintedTokens tokens = MINTER.cibaTokens(TokenMinterTest.grant(NOW), NOW);
    assertInvalid(
        AccessTokenVerifier.verify(tokens.idToken(), ISSUER, "billing-agent", KEYS, NOW),
        "typ JWT is not at+jwt");
  }

  @Test
  void fullMediaTypeAtJwtIsAccepted() {
    String token = forged(new JOSEObjectType("application/AT+JWT"), c -> c);
    assertInstanceOf(TokenCheck.Valid.class, verify(token, NOW));
  }

  @Test
  void algNoneTokenIsRefused() {
    String token =
        TestJwts.unsecured(
            new JWTClaimsSet.Builder().issuer(ISSUER).audience(GATEWAY).subject("admin").build());
    assertInvalid(verify(token, NOW), "alg none is not accepted");
  }

  /** The key-confusion attack: HS256 keyed with the bytes of our public key. */
  @Test
  void hmacTokenKeyedWithOurPublicKeyIsRefused() throws Exception {
    byte[] publicKeyBytes = PROVIDER_ES256.publicJwk().toJSONString().getBytes();
    String token =
        TestJwts.hs256(
            publicKeyBytes,
            TestJwts.header(JWSAlgorithm.HS256, PROVIDER_ES256.kid())
                .type(TokenMinter.ACCESS_TOKEN_TYPE),
            new JWTClaimsSet.Builder().issuer(ISSUER).build());
    assertInvalid(verify(token, NOW), "alg HS256 is symmetric and not accepted");
  }

  @Test
  void tokenWithAnAlgorithmTheProviderNeverUsesIsRefused() {
    String token =
        TestJwts.sign(
            TestJwts.CLIENT_RSA,
            TestJwts.header(JWSAlgorithm.RS256, "client-rsa")
                .type(TokenMinter.ACCESS_TOKEN_TYPE)
                .build(),
            new JWTClaimsSet.Builder().issuer(ISSUER).build());
    assertInvalid(verify(token, NOW), "alg RS256 is not accepted (accepted: ES256, PS256)");
  }

  @Test
  void tokenWithoutKidIsRefused() {
    String token =
        TestJwts.sign(
            PROVIDER_ES256.privateJwk(),
            new JWSHeader.Builder(JWSAlgorithm.ES256).type(TokenMinter.ACCESS_TOKEN_TYPE).build(),
            new JWTClaimsSet.Builder().issuer(ISSUER).build());
    assertInvalid(verify(token, NOW), "no kid");
  }

  /** CVE-2022-21449: an ECDSA signature of r = s = 0 verified on some JDKs. */
  @Test
  void psychicSignatureIsRefused() {
    String token = minted(Duration.ofMinutes(5));
    assertInvalid(
        verify(TestJwts.withSignature(token, Base64URL.encode(new byte[64])), NOW),
        "signature does not verify");
  }

  @Test
  void tokenNotYetValidIsRefusedBeyondTheSkew() {
    String soon =
        forged(TokenMinter.ACCESS_TOKEN_TYPE, c -> c.notBeforeTime(date(NOW.plusSeconds(60))));
    assertInstanceOf(TokenCheck.Valid.class, verify(soon, NOW));
    String later =
        forged(TokenMinter.ACCESS_TOKEN_TYPE, c -> c.notBeforeTime(date(NOW.plusSeconds(61))));
    assertInvalid(verify(later, NOW), "token is not valid before");
  }

  @Test
  void tokenIssuedInTheFutureIsRefused() {
    String token =
        forged(TokenMinter.ACCESS_TOKEN_TYPE, c -> c.issueTime(date(NOW.plusSeconds(120))));
    assertInvalid(verify(token, NOW), "token is issued in the future");
  }

  @Test
  void tokenWithoutClientIdIsRefused() {
    String token = forged(TokenMinter.ACCESS_TOKEN_TYPE, c -> c.claim("client_id", null));
    assertInvalid(verify(token, NOW), "token has no client_id claim");
  }

  /** Two parsers reading two different subjects is how duplicate claims become an attack. */
  @Test
  void duplicateClaimsAreRefused() {
    String token =
        TestJwts.signRaw(
            TestJwts.signer(PROVIDER_ES256.privateJwk()),
            TestJwts.header(JWSAlgorithm.ES256, PROVIDER_ES256.kid())
                .type(TokenMinter.ACCESS_TOKEN_TYPE)
                .build(),
            "{\"iss\":\"" + ISSUER + "\",\"sub\":\"agent\",\"sub\":\"admin\"}");
    assertInvalid(verify(token, NOW), "not a JSON object");
  }

  @Test
  void refusalNeverEchoesControlCharacters() {
    ECKey stranger = TestJwts.ecKey("evil\r\nX-Injected: yes\"");
    String token =
        TestJwts.sign(
            stranger,
            TestJwts.header(JWSAlgorithm.ES256, stranger.getKeyID())
                .type(TokenMinter.ACCESS_TOKEN_TYPE)
                .build(),
            new JWTClaimsSet.Builder().issuer(ISSUER).build());
    TokenCheck.Invalid invalid = assertInstanceOf(TokenCheck.Invalid.class, verify(token, NOW));
    assertTrue(invalid.reason().contains("kid=evil??X-Injected: yes?"), invalid.reason());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"abc", "a.b.c", "a.b.c.d.e", "....", "eyJ9.eyJ9.eyJ9", "{}"})
  void garbageIsRefusedWithoutThrowing(String garbage) {
    assertInstanceOf(TokenCheck.Invalid.class, verify(garbage, NOW));
  }
}
