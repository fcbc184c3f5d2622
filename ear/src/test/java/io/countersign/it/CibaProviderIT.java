package io.countersign.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.ciba.CIBAPingCallback;
import com.nimbusds.oauth2.sdk.ciba.CIBAPushCallback;
import com.nimbusds.oauth2.sdk.ciba.CIBATokenDelivery;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.openid.connect.sdk.claims.AccessTokenHash;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tenant's CIBA provider driven by independent clients: openid-client and oauth4webapi from npm
 * in poll mode (approve, reject, expiry), a ping and a push receiver parsing callbacks with Nimbus,
 * discovery and JWKS read by Nimbus, key rotation, and an agent using a client credentials token at
 * the MCP endpoint.
 */
class CibaProviderIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String ARGUMENTS =
      "{\"before\":\"2025-01-01\",\"limit\":9007199254740991,\"ratio\":0.1}";
  private static CibaTenant tenant;

  @BeforeAll
  static void tenant() throws Exception {
    tenant = CibaTenant.create("ciba-" + UUID.randomUUID().toString().substring(0, 8));
  }

  @AfterAll
  static void close() {
    tenant.close();
  }

  private JsonObject input(String client, String method, String quorum, int expiry)
      throws Exception {
    var input =
        Json.createObjectBuilder()
            .add("issuer", tenant.issuer)
            .add("clientId", client)
            .add("clientSecret", tenant.secrets.get(client))
            .add("authMethod", method)
            .add("loginHint", "group:db-owners")
            .add("bindingMessage", "CS-7QX2")
            .add(
                "authorizationDetails",
                Json.createArrayBuilder().add(tenant.toolCall(quorum, ARGUMENTS)))
            .add("maxWaitSeconds", 40);
    if (expiry > 0) {
      input.add("requestedExpiry", expiry);
    }
    return input.build();
  }

  @Test
  void openidClientPollsUntilApprovedAndGetsTheApprovedCall() throws Exception {
    try (var client =
        new CibaClientProcess(
            "ciba-openid-client.mjs",
            input("gateway", "client_secret_basic", "1 of db-owners", 0))) {
      JsonObject ack = client.nextOutcome();
      assertEquals("acknowledged", ack.getString("event"), ack.toString());
      assertEquals(1, ack.getInt("interval"));
      JsonObject request = tenant.newest("alice");
      assertEquals("CS-7QX2", request.getString("binding_message"));
      assertEquals(200, tenant.approve("alice", request).statusCode());

      JsonObject tokens = client.nextOutcome();
      assertEquals("tokens", tokens.getString("event"), tokens.toString());
      JsonObject access = tokens.getJsonObject("access_token_claims");
      JsonObject approved = access.getJsonArray("authorization_details").getJsonObject(0);
      assertEquals("delete_orders", approved.getString("tool"));
      assertEquals(
          "9007199254740991",
          approved.getJsonObject("arguments").getJsonNumber("limit").toString());
      assertEquals("0.1", approved.getJsonObject("arguments").getJsonNumber("ratio").toString());
      assertEquals(tenant.issuer + "/mcp", access.getString("aud"));
      JsonObject id = tokens.getJsonObject("id_token_claims");
      assertEquals(tenant.email("alice"), id.getString("sub"));
      assertEquals(
          tenant.email("alice"), id.getJsonArray("approvers").getJsonObject(0).getString("sub"));
    }
  }

  @Test
  void oauth4webapiWithClientSecretPostIsApprovedByTwoOfThree() throws Exception {
    try (var client =
        new CibaClientProcess(
            "ciba-oauth4webapi.mjs",
            input("gateway-post", "client_secret_post", "2 of db-owners", 0))) {
      assertEquals("acknowledged", client.nextOutcome().getString("event"));
      JsonObject request = tenant.newest("bob");
      assertEquals(200, tenant.approve("bob", request).statusCode());
      assertEquals(200, tenant.approve("carol", request).statusCode());
      JsonObject tokens = client.nextOutcome();
      assertEquals("tokens", tokens.getString("event"), tokens.toString());
      assertEquals(2, tokens.getJsonObject("id_token_claims").getJsonArray("approvers").size());
    }
  }

  @Test
  void openidClientGetsAccessDeniedWhenRejected() throws Exception {
    try (var client =
        new CibaClientProcess(
            "ciba-openid-client.mjs",
            input("gateway", "client_secret_basic", "1 of db-owners", 0))) {
      assertEquals("acknowledged", client.nextOutcome().getString("event"));
      JsonObject request = tenant.newest("carol");
      assertEquals(
          200, tenant.reject("carol", request, "not during the audit freeze").statusCode());
      JsonObject outcome = client.nextOutcome();
      assertEquals("error", outcome.getString("event"), outcome.toString());
      assertEquals("access_denied", outcome.getString("error"));
    }
  }

  @Test
  void oauth4webapiGetsExpiredTokenWhenNobodyDecides() throws Exception {
    try (var client =
        new CibaClientProcess(
            "ciba-oauth4webapi.mjs",
            input("gateway", "client_secret_basic", "1 of db-owners", 3))) {
      JsonObject ack = client.nextOutcome();
      assertEquals(3, ack.getInt("expires_in"));
      JsonObject outcome = client.nextOutcome();
      assertEquals("error", outcome.getString("event"), outcome.toString());
      assertEquals("expired_token", outcome.getString("error"));
    }
  }

  @Test
  void openidClientGetsExpiredTokenWhenNobodyDecides() throws Exception {
    try (var client =
        new CibaClientProcess(
            "ciba-openid-client.mjs",
            input("gateway", "client_secret_basic", "1 of db-owners", 2))) {
      client.nextOutcome();
      assertEquals("expired_token", client.nextOutcome().getString("error"));
    }
  }

  @Test
  void oauth4webapiGetsAccessDeniedWhenRejected() throws Exception {
    try (var client =
        new CibaClientProcess(
            "ciba-oauth4webapi.mjs",
            input("gateway", "client_secret_basic", "1 of db-owners", 0))) {
      client.nextOutcome();
      JsonObject request = tenant.newest("alice");
      assertEquals(200, tenant.reject("alice", request, "wrong tenant").statusCode());
      assertEquals("access_denied", client.nextOutcome().getString("error"));
    }
  }

  @Test
  void demoGatewayClientOfTheDemoTenantWorksOutOfTheBox() throws Exception {
    String issuer = ItEnvironment.baseUrl() + "/t/demo";
    String arguments = "{\"to\":[\"a@example.com\"],\"subject\":\"hello\"}";
    JsonObject call =
        Json.createObjectBuilder()
            .add("type", "mcp_tool_call")
            .add("tenant", "demo")
            .add("upstream", "shop")
            .add("tool", "send_email")
            .add("arguments", Json.createReader(new java.io.StringReader(arguments)).readObject())
            .add("arguments_sha256", CibaTenant.sha256(CibaTenant.canonical(arguments)))
            .add("risk", "medium")
            .add("summary", "Send one e-mail")
            .add("policy_rule", "mass-email")
            .add("quorum", "1 of db-owners")
            .build();
    JsonObject input =
        Json.createObjectBuilder()
            .add("issuer", issuer)
            .add("clientId", "demo-gateway")
            .add("clientSecret", ItEnvironment.demoClientSecret())
            .add("loginHint", "alice@demo.example")
            .add("authorizationDetails", Json.createArrayBuilder().add(call))
            .add("maxWaitSeconds", 30)
            .build();
    try (var client = new CibaClientProcess("ciba-openid-client.mjs", input)) {
      assertEquals("acknowledged", client.nextOutcome().getString("event"));
      String basic = CibaTenant.basic("alice@demo.example", ItEnvironment.demoPassword());
      JsonObject request = null;
      for (int attempt = 0; attempt < 20 && request == null; attempt++) {
        var inbox =
            CibaTenant.json(
                HTTP.send(
                    HttpRequest.newBuilder(
                            URI.create(ItEnvironment.baseUrl() + "/api/v1/tenants/demo/approvals"))
                        .header("Authorization", basic)
                        .build(),
                    HttpResponse.BodyHandlers.ofString()),
                200);
        request =
            inbox.getJsonArray("items").stream()
                .map(JsonValue::asJsonObject)
                .filter(r -> r.getString("tool").equals("send_email"))
                .findFirst()
                .orElse(null);
      }
      assertNotNull(request, "the demo request reached alice's inbox");
      HttpResponse<String> approved =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create(
                          ItEnvironment.baseUrl()
                              + "/api/v1/tenants/demo/approvals/"
                              + request.getString("id")
                              + "/decision"))
                  .header("Authorization", basic)
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"decision\":\"approve\",\"arguments_sha256\":\""
                              + request.getString("arguments_sha256")
                              + "\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, approved.statusCode(), approved.body());
      assertEquals("tokens", client.nextOutcome().getString("event"));
    }
  }

  @Test
  void requestedExpiryIsBoundedByTheTenantsSettings() throws Exception {
    Map<String, String> form = new java.util.LinkedHashMap<>();
    form.put("scope", "openid");
    form.put("login_hint", "group:db-owners");
    form.put(
        "authorization_details",
        Json.createArrayBuilder()
            .add(tenant.toolCall("1 of db-owners", ARGUMENTS))
            .build()
            .toString());
    assertEquals(
        300, CibaTenant.json(tenant.backchannel("gateway", form), 200).getInt("expires_in"));
    form.put("requested_expiry", "86400");
    assertEquals(
        600, CibaTenant.json(tenant.backchannel("gateway", form), 200).getInt("expires_in"));
  }

  @Test
  void discoveryAndJwksAreWhatNimbusAccepts() throws Exception {
    String discovery = get(tenant.issuer + "/.well-known/openid-configuration").body();
    OIDCProviderMetadata metadata = OIDCProviderMetadata.parse(discovery);
    assertEquals(tenant.issuer, metadata.getIssuer().getValue());
    assertEquals(
        URI.create(tenant.issuer + "/bc-authorize"),
        metadata.getBackChannelAuthenticationEndpointURI());
    assertTrue(
        metadata.getGrantTypes().stream()
            .anyMatch(g -> g.getValue().equals("urn:openid:params:grant-type:ciba")));
    assertEquals(3, metadata.getBackChannelTokenDeliveryModes().size());
    JWKSet keys = JWKSet.parse(get(tenant.issuer + "/jwks.json").body());
    assertFalse(keys.getKeys().isEmpty());
    keys.getKeys().forEach(k -> assertFalse(k.isPrivate(), "a private key is published"));
    HttpResponse<String> schema = get(tenant.issuer + "/schemas/mcp_tool_call.json");
    assertEquals(200, schema.statusCode());
    assertTrue(schema.body().contains("\"mcp_tool_call\""));
  }

  @Test
  void rotatedKeySignsNewTokensWhileTheOldOneStaysPublished() throws Exception {
    String before = clientCredentialsToken();
    String oldKid = JWSObject.parse(before).getHeader().getKeyID();
    JsonObject rotated =
        CibaTenant.json(tenant.operator("POST", "/issuer/keys/rotate?alg=ES256", null), 200);
    assertNotEquals(oldKid, rotated.getString("kid"));
    String after = clientCredentialsToken();
    assertEquals(rotated.getString("kid"), JWSObject.parse(after).getHeader().getKeyID());
    JWKSet keys = JWKSet.parse(get(tenant.issuer + "/jwks.json").body());
    assertNotNull(keys.getKeyByKeyId(oldKid), "the old key is still published");
    assertNotNull(keys.getKeyByKeyId(rotated.getString("kid")));
    // a token signed before the rotation still admits the agent
    assertEquals(200, mcpInitialize(before).statusCode());
    JsonObject ps256 =
        CibaTenant.json(tenant.operator("POST", "/issuer/keys/rotate?alg=PS256", null), 200);
    assertEquals("PS256", ps256.getString("alg"));
    assertNotNull(
        JWKSet.parse(get(tenant.issuer + "/jwks.json").body())
            .getKeyByKeyId(ps256.getString("kid")));
  }

  @Test
  void agentWithClientCredentialsTokenIsAdmittedToMcp() throws Exception {
    String token = clientCredentialsToken();
    SignedJWT jwt = SignedJWT.parse(token);
    assertEquals("at+jwt", jwt.getHeader().getType().getType());
    assertEquals(tenant.id + "-agent", jwt.getJWTClaimsSet().getSubject());
    assertEquals(200, mcpInitialize(token).statusCode());
    assertEquals(401, mcpInitialize(token.substring(0, token.length() - 4) + "AAAA").statusCode());
  }

  @Test
  void pingClientIsCalledBackAndThenFetchesItsTokens() throws Exception {
    String authReqId =
        tenant.open(
            "pinger",
            "1 of db-owners",
            ARGUMENTS,
            Map.of("client_notification_token", "ping-secret-123"));
    JsonObject request = tenant.newest("alice");
    assertEquals(200, tenant.approve("alice", request).statusCode());
    CallbackReceiver.Callback callback = awaitCallback("/ping");
    HTTPRequest http =
        new HTTPRequest(
            HTTPRequest.Method.POST, URI.create(tenant.receiver.url() + "/ping").toURL());
    http.setAuthorization(callback.authorization());
    http.setHeader("Content-Type", callback.contentType());
    http.setBody(callback.body());
    CIBAPingCallback ping = CIBAPingCallback.parse(http);
    assertEquals("ping-secret-123", ping.getAccessToken().getValue());
    assertEquals(authReqId, ping.getAuthRequestID().getValue());
    JsonObject tokens =
        CibaTenant.json(
            tenant.token(
                "pinger",
                Map.of(
                    "grant_type", "urn:openid:params:grant-type:ciba", "auth_req_id", authReqId)),
            200);
    assertEquals("Bearer", tokens.getString("token_type"));
  }

  @Test
  void pushClientReceivesItsTokensWithAuthReqIdAndAtHash() throws Exception {
    String authReqId =
        tenant.open(
            "pusher",
            "1 of db-owners",
            ARGUMENTS,
            Map.of("client_notification_token", "push-secret-456"));
    JsonObject request = tenant.newest("bob");
    assertEquals(200, tenant.approve("bob", request).statusCode());
    CallbackReceiver.Callback callback = awaitCallback("/push");
    HTTPRequest http =
        new HTTPRequest(
            HTTPRequest.Method.POST, URI.create(tenant.receiver.url() + "/push").toURL());
    http.setAuthorization(callback.authorization());
    http.setHeader("Content-Type", callback.contentType());
    http.setBody(callback.body());
    CIBAPushCallback push = CIBAPushCallback.parse(http);
    assertTrue(push instanceof CIBATokenDelivery, callback.body());
    CIBATokenDelivery delivery = (CIBATokenDelivery) push;
    assertEquals(authReqId, delivery.getAuthRequestID().getValue());
    // the callback carries the client's notification token; the tokens ride in the body
    assertEquals("push-secret-456", delivery.getAccessToken().getValue());
    var idToken = (SignedJWT) delivery.getOIDCTokens().getIDToken();
    var claims = idToken.getJWTClaimsSet();
    assertEquals(authReqId, claims.getStringClaim("urn:openid:params:jwt:claim:auth_req_id"));
    assertEquals(
        AccessTokenHash.compute(
                delivery.getOIDCTokens().getAccessToken(), idToken.getHeader().getAlgorithm(), null)
            .getValue(),
        claims.getStringClaim("at_hash"));
    assertTrue(callback.body().contains("\"authorization_details\""));
    // a push client never polls, and its request is already redeemed
    assertEquals(
        "unauthorized_client",
        CibaTenant.json(
                tenant.token(
                    "pusher",
                    Map.of(
                        "grant_type",
                        "urn:openid:params:grant-type:ciba",
                        "auth_req_id",
                        authReqId)),
                400)
            .getString("error"));
  }

  @Test
  void pushClientReceivesAccessDeniedWhenRejected() throws Exception {
    String authReqId =
        tenant.open(
            "pusher", "1 of db-owners", ARGUMENTS, Map.of("client_notification_token", "push-789"));
    JsonObject request = tenant.newest("carol");
    assertEquals(200, tenant.reject("carol", request, "too many rows").statusCode());
    CallbackReceiver.Callback callback = awaitCallback("/push");
    JsonObject body = Json.createReader(new java.io.StringReader(callback.body())).readObject();
    assertEquals("access_denied", body.getString("error"));
    assertEquals(authReqId, body.getString("auth_req_id"));
  }

  private CallbackReceiver.Callback awaitCallback(String path) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      CallbackReceiver.Callback next = tenant.receiver.next(Duration.ofSeconds(1));
      if (next != null && next.path().equals(path)) {
        return next;
      }
    }
    throw new AssertionError("no callback on " + path);
  }

  private String clientCredentialsToken() throws Exception {
    return CibaTenant.json(
            tenant.token("agent-oauth", Map.of("grant_type", "client_credentials")), 200)
        .getString("access_token");
  }

  private HttpResponse<String> mcpInitialize(String bearer) throws Exception {
    String initialize =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
            + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}";
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(tenant.issuer + "/mcp"))
            .header("Authorization", "Bearer " + bearer)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(initialize))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
