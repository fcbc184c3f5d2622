package io.countersign.it;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A tenant of its own with the CIBA clients of {@code ciba-tenant.yaml}, their secrets, approver
 * passwords and a callback receiver; plus the HTTP calls the provider tests make.
 */
final class CibaTenant implements AutoCloseable {

  static final String PASSWORD = "correct horse battery staple";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  final String id;
  final String issuer;
  final CallbackReceiver receiver;
  final ECKey signerKey;
  final Map<String, String> secrets = new HashMap<>();

  private CibaTenant(String id, CallbackReceiver receiver, ECKey signerKey) {
    this.id = id;
    this.issuer = ItEnvironment.baseUrl() + "/t/" + id;
    this.receiver = receiver;
    this.signerKey = signerKey;
  }

  static CibaTenant create(String id) throws Exception {
    CallbackReceiver receiver = new CallbackReceiver();
    ECKey signer = new ECKeyGenerator(Curve.P_256).keyID("signer-1").generate();
    CibaTenant tenant = new CibaTenant(id, receiver, signer);
    String jwks = "{\"keys\":[" + signer.toPublicJWK().toJSONString() + "]}";
    OperatorApi.importBundle(
        id,
        OperatorApi.bundle(
            "ciba-tenant.yaml",
            Map.of(
                "TENANT",
                id,
                "SHOP_URL",
                OperatorApi.shopUrl(),
                "CALLBACK_URL",
                receiver.url(),
                "SIGNER_JWKS",
                jwks)));
    for (String client :
        new String[] {
          "gateway", "gateway-post", "other", "pinger", "pusher", "redirected", "agent-oauth"
        }) {
      JsonObject issued =
          json(operator("POST", "/oauth-clients/" + client + "/secret", null, id), 200);
      tenant.secrets.put(client, issued.getString("client_secret"));
    }
    tenant.setPasswords();
    return tenant;
  }

  /**
   * A tenant of {@code held-tenant.yaml}: held deletes, approvers alice, bob, carol (db-owners) and
   * dave (ops), no CIBA clients of its own (the gateway registers itself).
   */
  static CibaTenant held(String id) throws Exception {
    return fromBundle(id, "held-tenant.yaml", Map.of("SHOP_URL", OperatorApi.shopUrl()));
  }

  /**
   * A tenant of a bundle whose members include the approvers alice, bob, carol and dave (given
   * their passwords here); {@code values} fill the bundle's placeholders besides {@code TENANT}.
   */
  static CibaTenant fromBundle(String id, String bundle, Map<String, String> values)
      throws Exception {
    CibaTenant tenant =
        new CibaTenant(id, new CallbackReceiver(), new ECKeyGenerator(Curve.P_256).generate());
    Map<String, String> filled = new java.util.HashMap<>(values);
    filled.put("TENANT", id);
    OperatorApi.importBundle(id, OperatorApi.bundle(bundle, filled));
    tenant.setPasswords();
    return tenant;
  }

  private void setPasswords() throws Exception {
    for (String member : new String[] {"alice", "bob", "carol", "dave"}) {
      setPassword(member);
    }
  }

  /** Gives the member {@code name} the password {@link #PASSWORD} (operator API). */
  void setPassword(String name) throws Exception {
    HttpResponse<String> set =
        operator(
            "PUT", "/members/" + email(name) + "/password", "{\"password\":\"" + PASSWORD + "\"}");
    if (set.statusCode() != 204) {
      throw new IllegalStateException("password: " + set.statusCode() + " " + set.body());
    }
  }

  String email(String name) {
    return name + "@" + id + ".example";
  }

  /** An mcp_tool_call entry for this tenant, with its digest computed the way the gateway does. */
  JsonObject toolCall(String quorum, String argumentsJson) throws Exception {
    JsonObject arguments = Json.createReader(new StringReader(argumentsJson)).readObject();
    return Json.createObjectBuilder()
        .add("type", "mcp_tool_call")
        .add("tenant", id)
        .add("upstream", "shop")
        .add("tool", "delete_orders")
        .add("arguments", arguments)
        .add("arguments_sha256", sha256(canonical(argumentsJson)))
        .add("risk", "high")
        .add("summary", "Delete orders created before 2025-01-01")
        .add("policy_rule", "bulk-deletes")
        .add("quorum", quorum)
        .build();
  }

  static String canonical(String json) throws Exception {
    return new org.erdtman.jcs.JsonCanonicalizer(json).getEncodedString();
  }

  static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** POSTs a form to the backchannel endpoint with client_secret_basic. */
  HttpResponse<String> backchannel(String client, Map<String, String> form) throws Exception {
    return post("/bc-authorize", client, form);
  }

  HttpResponse<String> token(String client, Map<String, String> form) throws Exception {
    return post("/token", client, form);
  }

  HttpResponse<String> post(String path, String client, Map<String, String> form) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(issuer + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(form)));
    if (client != null) {
      request.header("Authorization", basic(client, secrets.get(client)));
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A request for {@code quorum} by the gateway client; returns auth_req_id. */
  String open(String client, String quorum, String argumentsJson, Map<String, String> extra)
      throws Exception {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("scope", "openid");
    form.put("login_hint", "group:db-owners");
    form.put("binding_message", "CS-4F2K");
    form.put(
        "authorization_details",
        Json.createArrayBuilder().add(toolCall(quorum, argumentsJson)).build().toString());
    form.putAll(extra);
    HttpResponse<String> response = backchannel(client, form);
    return json(response, 200).getString("auth_req_id");
  }

  // --- decision API

  HttpResponse<String> approvals(String approver, String method, String path, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(ItEnvironment.baseUrl() + "/api/v1/tenants/" + id + "/approvals" + path))
            .header("Authorization", basic(email(approver), PASSWORD));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonArray inbox(String approver) throws Exception {
    return json(approvals(approver, "GET", "", null), 200).getJsonArray("items");
  }

  /** The id of the newest request in the approver's inbox with this binding message's call. */
  JsonObject newest(String approver) throws Exception {
    return inbox(approver).getJsonObject(0);
  }

  HttpResponse<String> approve(String approver, JsonObject request) throws Exception {
    return approvals(
        approver,
        "POST",
        "/" + request.getString("id") + "/decision",
        "{\"decision\":\"approve\",\"arguments_sha256\":\""
            + request.getString("arguments_sha256")
            + "\"}");
  }

  HttpResponse<String> reject(String approver, JsonObject request, String reason) throws Exception {
    return approvals(
        approver,
        "POST",
        "/" + request.getString("id") + "/decision",
        Json.createObjectBuilder()
            .add("decision", "reject")
            .add("reason", reason)
            .build()
            .toString());
  }

  // --- plumbing

  static HttpResponse<String> operator(String method, String path, String body, String tenant)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(ItEnvironment.baseUrl() + "/api/v1/tenants/" + tenant + path))
            .header("Authorization", "Bearer " + ItEnvironment.operatorToken());
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> operator(String method, String path, String body) throws Exception {
    return operator(method, path, body, id);
  }

  static JsonObject json(HttpResponse<String> response, int expectedStatus) {
    if (response.statusCode() != expectedStatus) {
      throw new AssertionError(
          "expected "
              + expectedStatus
              + " but got "
              + response.statusCode()
              + ": "
              + response.body());
    }
    return Json.createReader(new StringReader(response.body())).readObject();
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  static String form(Map<String, String> form) {
    return form.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  @Override
  public void close() {
    receiver.close();
  }
}
