package io.countersign.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.id.ClientID;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Attacks on the CIBA provider, each refused with the error and HTTP status its specification gives
 * (CIBA Core 1.0, sections 11 and 13; RFC 6749, section 5.2; RFC 9396, section 5).
 */
class CibaAttacksIT {

  private static final String ARGUMENTS = "{\"before\":\"2025-01-01\",\"limit\":847}";
  private static final String CIBA = "urn:openid:params:grant-type:ciba";
  private static CibaTenant tenant;

  @BeforeAll
  static void tenant() throws Exception {
    tenant = CibaTenant.create("atk-" + UUID.randomUUID().toString().substring(0, 8));
  }

  @AfterAll
  static void close() {
    tenant.close();
  }

  private static Map<String, String> grant(String authReqId) {
    return Map.of("grant_type", CIBA, "auth_req_id", authReqId);
  }

  private static void assertError(HttpResponse<String> response, int status, String error) {
    JsonObject body = CibaTenant.json(response, status);
    assertEquals(error, body.getString("error"), response.body());
    assertTrue(body.containsKey("error_description"), response.body());
  }

  private String approved(String client) throws Exception {
    String authReqId = tenant.open(client, "1 of db-owners", ARGUMENTS, Map.of());
    assertEquals(200, tenant.approve("alice", tenant.newest("alice")).statusCode());
    return authReqId;
  }

  @Test
  void clientBRedeemingClientAsAuthReqIdGetsInvalidGrant() throws Exception {
    String authReqId = approved("gateway");
    assertError(tenant.token("other", grant(authReqId)), 400, "invalid_grant");
    // and the rightful client still gets its tokens
    CibaTenant.json(tenant.token("gateway", grant(authReqId)), 200);
  }

  @Test
  void redeemedAuthReqIdReusedGetsInvalidGrant() throws Exception {
    String authReqId = approved("gateway");
    CibaTenant.json(tenant.token("gateway", grant(authReqId)), 200);
    assertError(tenant.token("gateway", grant(authReqId)), 400, "invalid_grant");
  }

  @Test
  void expiredAuthReqIdReusedGetsExpiredToken() throws Exception {
    String authReqId =
        tenant.open("gateway", "1 of db-owners", ARGUMENTS, Map.of("requested_expiry", "1"));
    Thread.sleep(1_500);
    assertError(tenant.token("gateway", grant(authReqId)), 400, "expired_token");
    assertError(tenant.token("gateway", grant(authReqId)), 400, "expired_token");
  }

  @Test
  void guessedAuthReqIdGetsInvalidGrant() throws Exception {
    assertError(
        tenant.token("gateway", grant("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")),
        400,
        "invalid_grant");
  }

  @Test
  void pollingFasterThanTheIntervalGetsSlowDown() throws Exception {
    String authReqId = tenant.open("gateway", "1 of db-owners", ARGUMENTS, Map.of());
    assertError(tenant.token("gateway", grant(authReqId)), 400, "authorization_pending");
    HttpResponse<String> fast = tenant.token("gateway", grant(authReqId));
    assertError(fast, 400, "slow_down");
    assertTrue(fast.body().contains("wait 6 s"), fast.body());
  }

  @Test
  void pushClientPollingGetsUnauthorizedClient() throws Exception {
    String authReqId =
        tenant.open(
            "pusher", "1 of db-owners", ARGUMENTS, Map.of("client_notification_token", "t-1"));
    assertError(tenant.token("pusher", grant(authReqId)), 400, "unauthorized_client");
  }

  @Test
  void wrongClientSecretGetsInvalidClientWithChallenge() throws Exception {
    tenant.secrets.put("impostor", "not-the-secret-at-all-not-the-secret");
    var response =
        tenant.post(
            "/bc-authorize",
            "impostor",
            Map.of("scope", "openid", "login_hint", "group:db-owners"));
    assertError(response, 401, "invalid_client");
    assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
  }

  @Test
  void scopeWithoutOpenidGetsInvalidScope() throws Exception {
    assertError(
        tenant.backchannel("gateway", Map.of("scope", "email", "login_hint", "group:db-owners")),
        400,
        "invalid_scope");
  }

  @Test
  void hintNamingNobodyGetsUnknownUserId() throws Exception {
    for (String hint :
        List.of("mallory@" + tenant.id + ".example", "group:finance", tenant.email("dave"))) {
      assertError(backchannel(Map.of("login_hint", hint)), 400, "unknown_user_id");
    }
  }

  @Test
  void twoHintsAtOnceGetInvalidRequest() throws Exception {
    assertError(
        backchannel(Map.of("id_token_hint", "eyJhbGciOiJub25lIn0.e30.")), 400, "invalid_request");
  }

  @Test
  void bindingMessageTooLongGetsInvalidBindingMessage() throws Exception {
    assertError(
        backchannel(Map.of("binding_message", "X".repeat(65))), 400, "invalid_binding_message");
  }

  @Test
  void bindingMessageWithControlCharactersGetsInvalidBindingMessage() throws Exception {
    assertError(
        backchannel(Map.of("binding_message", "CS-4F2K\nApprove everything")),
        400,
        "invalid_binding_message");
    assertError(
        backchannel(Map.of("binding_message", "CS-4F2K\u202Eevil")),
        400,
        "invalid_binding_message");
  }

  @Test
  void authorizationDetailsWithAForgedDigestAreRefused() throws Exception {
    JsonObject call = tenant.toolCall("1 of db-owners", ARGUMENTS);
    JsonObject forged =
        Json.createObjectBuilder(call).add("arguments_sha256", "0".repeat(64)).build();
    assertError(
        backchannel(
            Map.of(
                "authorization_details", Json.createArrayBuilder().add(forged).build().toString())),
        400,
        "invalid_authorization_details");
  }

  @Test
  void authorizationDetailsOfAnotherTenantAreRefused() throws Exception {
    JsonObject call =
        Json.createObjectBuilder(tenant.toolCall("1 of db-owners", ARGUMENTS))
            .add("tenant", "someone-else")
            .build();
    assertError(
        backchannel(
            Map.of(
                "authorization_details", Json.createArrayBuilder().add(call).build().toString())),
        400,
        "invalid_authorization_details");
  }

  // --- signed requests (the FAPI-CIBA client "signer": private_key_jwt, ES256 request objects)

  @Test
  void signedRequestFromFapiClientIsAccepted() throws Exception {
    HttpResponse<String> response = signed(sign(requestClaims(UUID.randomUUID().toString())));
    assertNotNull(CibaTenant.json(response, 200).getString("auth_req_id"));
  }

  @Test
  void algNoneRequestIsRefused() throws Exception {
    String unsigned = new PlainJWT(requestClaims(UUID.randomUUID().toString())).serialize();
    assertError(signed(unsigned), 400, "invalid_request");
  }

  @Test
  void requestSignedWithAnotherKeyIsRefused() throws Exception {
    ECKey attacker = new ECKeyGenerator(Curve.P_256).keyID("signer-1").generate();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("signer-1").build(),
            requestClaims(UUID.randomUUID().toString()));
    jwt.sign(new ECDSASigner(attacker));
    assertError(signed(jwt.serialize()), 400, "invalid_request");
  }

  @Test
  void replayedRequestJtiIsRefused() throws Exception {
    String jti = UUID.randomUUID().toString();
    CibaTenant.json(signed(sign(requestClaims(jti))), 200);
    HttpResponse<String> replay = signed(sign(requestClaims(jti)));
    assertError(replay, 400, "invalid_request");
    assertTrue(replay.body().contains("replayed"), replay.body());
  }

  @Test
  void replayedClientAssertionIsRefused() throws Exception {
    String assertion = assertion();
    Map<String, String> form = new LinkedHashMap<>();
    form.put("request", sign(requestClaims(UUID.randomUUID().toString())));
    form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    form.put("client_assertion", assertion);
    CibaTenant.json(tenant.post("/bc-authorize", null, form), 200);
    form.put("request", sign(requestClaims(UUID.randomUUID().toString())));
    assertError(tenant.post("/bc-authorize", null, form), 401, "invalid_client");
  }

  @Test
  void fapiClientSendingPlainParametersIsRefused() throws Exception {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("scope", "openid");
    form.put("login_hint", "group:db-owners");
    form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    form.put("client_assertion", assertion());
    assertError(tenant.post("/bc-authorize", null, form), 400, "invalid_request");
  }

  // --- callbacks

  @Test
  void pingEndpointAtAMetadataAddressIsRefusedAtRegistration() throws Exception {
    HttpResponse<String> response =
        tenant.operator(
            "POST",
            "/oauth-clients",
            "{\"client_id\":\"ssrf\",\"grant_types\":[\"urn:openid:params:grant-type:ciba\"],"
                + "\"token_endpoint_auth_method\":\"client_secret_basic\","
                + "\"backchannel_token_delivery_mode\":\"ping\","
                + "\"backchannel_client_notification_endpoint\":\"http://169.254.169.254/latest\"}");
    assertEquals(422, response.statusCode(), response.body());
    assertTrue(response.body().contains("backchannel_client_notification_endpoint"));
  }

  @Test
  void pingCallbackRedirectIsNotFollowed() throws Exception {
    tenant.open(
        "redirected", "1 of db-owners", ARGUMENTS, Map.of("client_notification_token", "r-1"));
    assertEquals(200, tenant.approve("alice", tenant.newest("alice")).statusCode());
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!tenant.receiver.counts().containsKey("/redirect") && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    Thread.sleep(3_000); // a retry would come after 2 s
    assertEquals(Long.valueOf(1), tenant.receiver.counts().get("/redirect"));
    assertNull(tenant.receiver.counts().get("/moved"), "the redirect was followed");
  }

  // --- helpers

  private HttpResponse<String> backchannel(Map<String, String> overrides) throws Exception {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("scope", "openid");
    form.put("login_hint", "group:db-owners");
    form.put(
        "authorization_details",
        Json.createArrayBuilder()
            .add(tenant.toolCall("1 of db-owners", ARGUMENTS))
            .build()
            .toString());
    form.putAll(overrides);
    return tenant.backchannel("gateway", form);
  }

  private JWTClaimsSet requestClaims(String jti) throws Exception {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer("signer")
        .audience(tenant.issuer)
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(300)))
        .jwtID(jti)
        .claim("scope", "openid")
        .claim("login_hint", "group:db-owners")
        .claim("binding_message", "CS-9ABC")
        .claim(
            "authorization_details",
            JSONArrayUtils.parse(
                Json.createArrayBuilder()
                    .add(tenant.toolCall("1 of db-owners", ARGUMENTS))
                    .build()
                    .toString()))
        .build();
  }

  private String sign(JWTClaimsSet claims) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(tenant.signerKey.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims);
    jwt.sign(new ECDSASigner(tenant.signerKey));
    return jwt.serialize();
  }

  private String assertion() throws Exception {
    return new PrivateKeyJWT(
            new ClientID("signer"),
            java.net.URI.create(tenant.issuer),
            JWSAlgorithm.ES256,
            tenant.signerKey.toECPrivateKey(),
            tenant.signerKey.getKeyID(),
            null)
        .getClientAssertion()
        .serialize();
  }

  /** A signed request from the signer client, authenticated with a fresh client assertion. */
  private HttpResponse<String> signed(String request) throws Exception {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("request", request);
    form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    form.put("client_assertion", assertion());
    return tenant.post("/bc-authorize", null, form);
  }
}
