package io.countersign.ciba.jose;

import static io.countersign.ciba.jose.TestJwts.NOW;
import static io.countersign.ciba.jose.TestJwts.PROVIDER_ES256;
import static io.countersign.ciba.jose.TestJwts.PROVIDER_PS256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.claims.AccessTokenHash;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.AccessTokenValidator;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenMinterTest {

  static final String ISSUER = "https://as.example/t/acme";
  static final String GATEWAY = "https://gw.example/t/acme/mcp";

  /** Amounts no double can carry, and a decimal that must not become 0.10000000000000001. */
  static final String DETAILS =
      "[{\"type\":\"mcp_tool_call\",\"tool\":\"refund\",\"arguments\":"
          + "{\"order\":12345678901234567890,\"amount\":0.1,"
          + "\"rate\":0.12345678901234567890123,\"note\":\"caf\u00e9 <b> \\\"quoted\\\"\","
          + "\"items\":[1,2.50,null,true],\"nested\":{\"empty\":{}}}}]";

  private final TokenMinter minter = new TokenMinter(ISSUER, PROVIDER_ES256);

  static CibaGrant grant(Instant authTime) {
    return new CibaGrant(
        "billing-agent",
        "alice",
        "aBcD.123_-xyz",
        DETAILS,
        List.of(
            new ApproverClaim("alice", "Alice A.", "approve", authTime.minusSeconds(30)),
            new ApproverClaim("bob", "Bob B.", "approve_edited", authTime)),
        authTime,
        GATEWAY,
        Duration.ofMinutes(5),
        Duration.ofMinutes(10),
        Optional.of("openid tools:refund"));
  }

  @Test
  void accessTokenIsAnRfc9068Jwt() throws Exception {
    MintedTokens tokens = minter.cibaTokens(grant(NOW), NOW.plusMillis(700));
    SignedJWT jwt = SignedJWT.parse(tokens.accessToken());

    assertEquals(new JOSEObjectType("at+jwt"), jwt.getHeader().getType());
    assertEquals(JWSAlgorithm.ES256, jwt.getHeader().getAlgorithm());
    assertEquals(PROVIDER_ES256.kid(), jwt.getHeader().getKeyID());
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertEquals(ISSUER, claims.getIssuer());
    assertEquals("alice", claims.getSubject());
    assertEquals(List.of(GATEWAY), claims.getAudience());
    assertEquals("billing-agent", claims.getStringClaim("client_id"));
    assertEquals("openid tools:refund", claims.getStringClaim("scope"));
    assertEquals(NOW, claims.getIssueTime().toInstant());
    assertEquals(NOW.plus(Duration.ofMinutes(5)), claims.getExpirationTime().toInstant());
    assertEquals(tokens.accessTokenJti(), claims.getJWTID());
    assertEquals(claims.getExpirationTime().toInstant(), tokens.accessTokenExpiresAt());
  }

  @Test
  void accessTokenVerifiesWithOurVerifier() {
    MintedTokens tokens = minter.cibaTokens(grant(NOW), NOW);
    TokenCheck check =
        AccessTokenVerifier.verify(tokens.accessToken(), ISSUER, GATEWAY, providerKeys(), NOW);
    assertInstanceOf(TokenCheck.Valid.class, check, check.toString());
  }

  @Test
  void accessTokenVerifiesWithPlainNimbus() throws Exception {
    Instant now = Instant.now(); // Nimbus' processor reads the clock itself
    for (ProviderKey key : List.of(PROVIDER_ES256, PROVIDER_PS256)) {
      MintedTokens tokens = new TokenMinter(ISSUER, key).cibaTokens(grant(now), now);
      DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
      processor.setJWSTypeVerifier(
          new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
      processor.setJWSKeySelector(
          new JWSVerificationKeySelector<>(
              key.alg().jws(), new ImmutableJWKSet<>(new JWKSet(key.publicJwk()))));
      processor.setJWTClaimsSetVerifier(
          new DefaultJWTClaimsVerifier<>(
              GATEWAY,
              new JWTClaimsSet.Builder().issuer(ISSUER).build(),
              Set.of("sub", "client_id", "iat", "exp", "jti")));
      assertEquals("alice", processor.process(tokens.accessToken(), null).getSubject());
    }
  }

  @Test
  void authorizationDetailsIsAJsonArrayNotAString() throws Exception {
    MintedTokens tokens = minter.cibaTokens(grant(NOW), NOW);
    Object details =
        SignedJWT.parse(tokens.accessToken()).getJWTClaimsSet().getClaim("authorization_details");
    assertInstanceOf(List.class, details);
  }

  @Test
  void authorizationDetailsRoundTripsExactly() throws Exception {
    MintedTokens tokens = minter.cibaTokens(grant(NOW), NOW);
    String payload = SignedJWT.parse(tokens.accessToken()).getPayload().toString();

    JsonValue inToken =
        Json.createReader(new StringReader(payload)).readObject().get("authorization_details");
    assertEquals(Json.createReader(new StringReader(DETAILS)).readArray(), inToken);
    assertTrue(payload.contains("\"order\":12345678901234567890,\"amount\":0.1,"), payload);
    assertTrue(payload.contains("\"rate\":0.12345678901234567890123"), payload);
    assertTrue(payload.contains("\"items\":[1,2.50,null,true]"), payload);
  }

  @Test
  void authorizationDetailsSurviveOurVerifierExactly() {
    MintedTokens tokens = minter.cibaTokens(grant(NOW), NOW);
    TokenCheck.Valid valid =
        (TokenCheck.Valid)
            AccessTokenVerifier.verify(tokens.accessToken(), ISSUER, GATEWAY, providerKeys(), NOW);
    String reserialised =
        com.nimbusds.jose.util.JSONArrayUtils.toJSONString(
            (List<?>) valid.claims().getClaim("authorization_details"));
    assertEquals(
        Json.createReader(new StringReader(DETAILS)).readArray(),
        Json.createReader(new StringReader(reserialised)).readArray());
  }

  @Test
  void idTokenCarriesAtHashOfTheAccessToken() throws Exception {
    for (ProviderKey key : List.of(PROVIDER_ES256, PROVIDER_PS256)) {
      MintedTokens tokens = new TokenMinter(ISSUER, key).cibaTokens(grant(NOW), NOW);
      JWTClaimsSet id = SignedJWT.parse(tokens.idToken()).getJWTClaimsSet();
      AccessTokenHash atHash = new AccessTokenHash(id.getStringClaim("at_hash"));
      AccessTokenValidator.validate(
          new BearerAccessToken(tokens.accessToken()), key.alg().jws(), atHash);
      assertEquals(
          AccessTokenHash.compute(new BearerAccessToken(tokens.accessToken()), key.alg().jws()),
          atHash);
    }
  }

  @Test
  void idTokenValidatesWithNimbusIdTokenValidator() throws Exception {
    Instant now = Instant.now(); // Nimbus' validator reads the clock itself
    MintedTokens tokens = minter.cibaTokens(grant(now), now);
    IDTokenValidator validator =
        new IDTokenValidator(
            new Issuer(ISSUER), new ClientID("billing-agent"), JWSAlgorithm.ES256, providerKeys());
    IDTokenClaimsSet claims = validator.validate(SignedJWT.parse(tokens.idToken()), null);
    assertEquals("alice", claims.getSubject().getValue());
  }

  @Test
  void idTokenNamesTheRequestTheApproversAndTheAuthTime() throws Exception {
    MintedTokens tokens = minter.cibaTokens(grant(NOW.minusSeconds(5)), NOW);
    SignedJWT jwt = SignedJWT.parse(tokens.idToken());
    JWTClaimsSet id = jwt.getJWTClaimsSet();

    assertEquals(JOSEObjectType.JWT, jwt.getHeader().getType());
    assertEquals(PROVIDER_ES256.kid(), jwt.getHeader().getKeyID());
    assertEquals(ISSUER, id.getIssuer());
    assertEquals("alice", id.getSubject());
    assertEquals(List.of("billing-agent"), id.getAudience());
    assertEquals(NOW.plus(Duration.ofMinutes(10)), id.getExpirationTime().toInstant());
    assertEquals(NOW.minusSeconds(5), id.getDateClaim("auth_time").toInstant());
    assertEquals("aBcD.123_-xyz", id.getStringClaim("urn:openid:params:jwt:claim:auth_req_id"));
    JsonObject bob =
        Json.createReader(new StringReader(jwt.getPayload().toString()))
            .readObject()
            .getJsonArray("approvers")
            .getJsonObject(1);
    assertEquals(
        Json.createObjectBuilder()
            .add("sub", "bob")
            .add("name", "Bob B.")
            .add("decision", "approve_edited")
            .add("voted_at", NOW.minusSeconds(5).getEpochSecond())
            .build(),
        bob);
  }

  @Test
  void noRefreshTokenSoNoRtHash() throws Exception {
    MintedTokens tokens = minter.cibaTokens(grant(NOW), NOW);
    JWTClaimsSet id = SignedJWT.parse(tokens.idToken()).getJWTClaimsSet();
    assertNull(id.getClaim("urn:openid:params:jwt:claim:rt_hash"));
  }

  @Test
  void jtiIsFreshAndAtLeast128Bits() {
    MintedTokens one = minter.cibaTokens(grant(NOW), NOW);
    MintedTokens two = minter.cibaTokens(grant(NOW), NOW);
    assertNotEquals(one.accessTokenJti(), two.accessTokenJti());
    assertTrue(new Base64URL(one.accessTokenJti()).decode().length >= 16);
  }

  @Test
  void ps256KeySignsPs256Tokens() throws Exception {
    MintedTokens tokens = new TokenMinter(ISSUER, PROVIDER_PS256).cibaTokens(grant(NOW), NOW);
    assertEquals(
        JWSAlgorithm.PS256, SignedJWT.parse(tokens.accessToken()).getHeader().getAlgorithm());
    assertEquals(JWSAlgorithm.PS256, SignedJWT.parse(tokens.idToken()).getHeader().getAlgorithm());
    assertInstanceOf(
        TokenCheck.Valid.class,
        AccessTokenVerifier.verify(
            tokens.accessToken(), ISSUER, GATEWAY, new JWKSet(PROVIDER_PS256.publicJwk()), NOW));
  }

  @Test
  void clientCredentialsTokenIsAnRfc9068Jwt() throws Exception {
    MintedAccessToken token =
        minter.clientCredentialsToken(
            "ops-agent", "ops-agent", GATEWAY, Optional.empty(), Duration.ofMinutes(15), NOW);
    SignedJWT jwt = SignedJWT.parse(token.value());
    assertEquals(new JOSEObjectType("at+jwt"), jwt.getHeader().getType());
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertEquals("ops-agent", claims.getStringClaim("client_id"));
    assertEquals(token.jti(), claims.getJWTID());
    assertNull(claims.getClaim("scope"));
    assertNull(claims.getClaim("authorization_details"));
    assertEquals(NOW.plus(Duration.ofMinutes(15)), token.expiresAt());
    assertInstanceOf(
        TokenCheck.Valid.class,
        AccessTokenVerifier.verify(token.value(), ISSUER, GATEWAY, providerKeys(), NOW));
  }

  @Test
  void expiryIsInWholeSecondsLikeTheToken() {
    Instant ragged = NOW.plusNanos(999_999_999);
    MintedTokens tokens = minter.cibaTokens(grant(NOW), ragged);
    assertEquals(NOW.plus(Duration.ofMinutes(5)), tokens.accessTokenExpiresAt());
    assertEquals(
        tokens.accessTokenExpiresAt(),
        tokens.accessTokenExpiresAt().truncatedTo(ChronoUnit.SECONDS));
  }

  @Test
  void toStringNeverPrintsBearerTokens() {
    MintedTokens tokens = minter.cibaTokens(grant(NOW), NOW);
    assertFalse(tokens.toString().contains(tokens.accessToken()));
    assertFalse(tokens.toString().contains(tokens.idToken()));
  }

  @Test
  void authorizationDetailsThatAreNotAJsonArrayAreRefused() {
    for (String notArray : new String[] {"{\"type\":\"x\"}", "[{\"type\":", "\"[]\""}) {
      assertThrows(
          IllegalArgumentException.class,
          () ->
              new CibaGrant(
                  "c",
                  "s",
                  "r",
                  notArray,
                  List.of(),
                  NOW,
                  GATEWAY,
                  Duration.ofMinutes(1),
                  Duration.ofMinutes(1),
                  Optional.empty()));
    }
  }

  @Test
  void unknownDecisionIsRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> new ApproverClaim("bob", "Bob", "maybe", NOW));
  }

  static JWKSet providerKeys() {
    return new JWKSet(PROVIDER_ES256.publicJwk());
  }
}
