package io.countersign.it;

import static io.countersign.it.CibaTenant.basic;
import static io.countersign.it.CibaTenant.json;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The tenant of {@code approvals-tenant.yaml} on another Countersign deployment, which a gateway
 * tenant uses as its external CIBA provider: the gateway's client secrets there, and its approvers'
 * decision API.
 */
final class ExternalApprovals {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  final String baseUrl;
  final String tenant;
  final Map<String, String> secrets = new HashMap<>();

  private ExternalApprovals(String baseUrl, String tenant) {
    this.baseUrl = baseUrl;
    this.tenant = tenant;
  }

  /** Imports the tenant at the deployment at {@code baseUrl}; its ping client calls back there. */
  static ExternalApprovals create(String baseUrl, String tenant, String callbackUrl)
      throws Exception {
    ExternalApprovals approvals = new ExternalApprovals(baseUrl, tenant);
    OperatorApi.importBundle(
        baseUrl,
        tenant,
        OperatorApi.bundle(
            "approvals-tenant.yaml", Map.of("TENANT", tenant, "CALLBACK_URL", callbackUrl)));
    for (String client : new String[] {"gateway-ping", "gateway-poll"}) {
      JsonObject issued =
          json(approvals.operator("POST", "/oauth-clients/" + client + "/secret", null), 200);
      approvals.secrets.put(client, issued.getString("client_secret"));
    }
    for (String member : new String[] {"alice", "bob"}) {
      var set =
          approvals.operator(
              "PUT",
              "/members/" + member + "@" + tenant + ".example/password",
              "{\"password\":\"" + CibaTenant.PASSWORD + "\"}");
      if (set.statusCode() != 204) {
        throw new IllegalStateException("password: " + set.statusCode() + " " + set.body());
      }
    }
    return approvals;
  }

  /** The tenant's issuer identifier at that deployment. */
  String issuer() {
    return baseUrl + "/t/" + tenant;
  }

  /** The request in the approver's inbox that deletes orders before {@code beforeYear}. */
  JsonObject awaitInbox(String approver, int beforeYear) throws Exception {
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      JsonArray inbox = json(approvals(approver, "GET", "", null), 200).getJsonArray("items");
      for (JsonValue item : inbox) {
        if (item.toString().contains("\"" + beforeYear)) {
          return item.asJsonObject();
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no request for " + beforeYear + " in " + approver + "'s inbox");
  }

  HttpResponse<String> approve(String approver, JsonObject request) throws Exception {
    return approvals(
        approver,
        "POST",
        "/" + request.getString("id") + "/decision",
        Json.createObjectBuilder()
            .add("decision", "approve")
            .add("arguments_sha256", request.getString("arguments_sha256"))
            .build()
            .toString());
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

  private HttpResponse<String> approvals(String approver, String method, String path, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(baseUrl + "/api/v1/tenants/" + tenant + "/approvals" + path))
            .header(
                "Authorization", basic(approver + "@" + tenant + ".example", CibaTenant.PASSWORD));
    return HTTP.send(withBody(request, method, body).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> operator(String method, String path, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/tenants/" + tenant + path))
            .header("Authorization", "Bearer " + ItEnvironment.operatorToken());
    return HTTP.send(withBody(request, method, body).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder withBody(
      HttpRequest.Builder request, String method, String body) {
    if (body == null) {
      return request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return request
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body));
  }
}
