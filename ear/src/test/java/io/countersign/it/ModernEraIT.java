package io.countersign.it;

import static io.countersign.it.HeldFixture.deleteArgs;
import static io.countersign.it.HeldFixture.deleteOrders;
import static io.countersign.it.HeldFixture.insertOrders;
import static io.countersign.it.HeldFixture.orders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MCP 2026-07-28 on the tenant endpoint that also serves the session eras: the official v2 SDK
 * client pinned to 2026-07-28 and the v1 client (2025-11-25) list and call tools through the same
 * endpoint; a held call completes for a 2026-07-28 client; each malformed request gets the answer
 * 2026-07-28 prescribes.
 */
class ModernEraIT {

  private static final String VERSION = "2026-07-28";

  private static HeldFixture held;

  @BeforeAll
  static void start() throws Exception {
    held = HeldFixture.create("modern-era");
  }

  @AfterAll
  static void stop() {
    if (held != null) {
      held.close();
    }
  }

  @Test
  void aModernAndALegacyClientBothListAndCallToolsOnTheSameEndpoint() throws Exception {
    JsonObject modern = NodePeers.sdk2Client(demoUrl(), ItEnvironment.demoAgentKey(), "list-tools");
    assertTrue(modern.getBoolean("ok"), modern.toString());
    assertEquals(VERSION, modern.getString("protocolVersion"), modern.toString());
    assertTrue(names(modern).containsAll(List.of("shop__list_orders", "shop__delete_orders")));

    JsonObject legacy = NodePeers.sdkClient(demoUrl(), ItEnvironment.demoAgentKey(), "list-tools");
    assertTrue(legacy.getBoolean("ok"), legacy.toString());
    assertEquals("2025-11-25", legacy.getString("protocolVersion"), legacy.toString());
    assertEquals(names(legacy), names(modern), "one tenant, one tool list, whatever the era");

    for (var client : List.of("modern", "legacy")) {
      JsonObject called =
          ("modern".equals(client)
              ? NodePeers.sdk2Client(
                  demoUrl(),
                  ItEnvironment.demoAgentKey(),
                  "call-tool",
                  "--name",
                  "shop__list_orders",
                  "--args",
                  "{\"limit\":2}")
              : NodePeers.sdkClient(
                  demoUrl(),
                  ItEnvironment.demoAgentKey(),
                  "call-tool",
                  "--name",
                  "shop__list_orders",
                  "--args",
                  "{\"limit\":2}"));
      assertTrue(called.getBoolean("ok"), client + ": " + called);
      assertFalse(called.getJsonObject("result").getBoolean("isError", false), called.toString());
    }
  }

  @Test
  void aHeldCallOfAModernClientCompletesWhenApproved() throws Exception {
    int year = 1981;
    insertOrders(year, "paid", 2);
    try {
      CompletableFuture<JsonObject> call =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return NodePeers.sdk2Client(
                      ItEnvironment.baseUrl() + "/t/" + held.tenant.id + "/mcp",
                      held.key,
                      "call-tool",
                      "--name",
                      "shop__delete_orders",
                      "--args",
                      deleteArgs("paid", year + 1).toString(),
                      "--timeout-ms",
                      "60000");
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              },
              held.pool);
      JsonObject request = held.awaitInbox("dave", year + 1);
      assertEquals(200, held.tenant.approve("dave", request).statusCode());
      JsonObject out = call.get(90, TimeUnit.SECONDS);
      assertTrue(out.getBoolean("ok"), out.toString());
      JsonObject result = out.getJsonObject("result");
      assertFalse(result.getBoolean("isError", false), out.toString());
      assertTrue(result.toString().contains("deleted: 2"), out.toString());
      assertEquals(0, orders(year));
    } finally {
      deleteOrders(year);
    }
  }

  /**
   * In 2026-07-28 closing a request's stream cancels the request: a held call whose agent drops its
   * stream is cancelled (found by the next keep-alive comment) and its approval withdrawn.
   */
  @Test
  void aModernClientThatClosesItsStreamCancelsItsHeldCall() throws Exception {
    int year = 1983;
    insertOrders(year, "paid", 2);
    try {
      JsonObject call =
          Json.createObjectBuilder()
              .add("jsonrpc", "2.0")
              .add("id", 0)
              .add("method", "tools/call")
              .add(
                  "params",
                  Json.createObjectBuilder()
                      .add("name", "shop__delete_orders")
                      .add("arguments", deleteArgs("paid", year + 1))
                      .add("_meta", meta(VERSION)))
              .build();
      Map<String, String> headers = headers("tools/call", "shop__delete_orders");
      headers.put("Authorization", "Bearer " + held.key);
      String url = ItEnvironment.baseUrl() + "/t/" + held.tenant.id + "/mcp";
      JsonObject request;
      try (var socket = HeldFixture.openHeldStream(url, headers, call.toString())) {
        request = held.awaitInbox("dave", year + 1);
        socket.setSoLinger(true, 0);
      }
      String id = held.heldCallId(year + 1);
      HeldFixture.awaitState(id, "CANCELLED");
      assertTrue(
          held.auditTypes(id).contains("tool_call.cancelled"), held.auditTypes(id).toString());
      assertEquals(409, held.tenant.approve("dave", request).statusCode(), "withdrawn");
      assertEquals(2, orders(year), "nothing deleted");
    } finally {
      deleteOrders(year);
    }
  }

  @Test
  void serverDiscoverNamesTheErasAndTheServer() throws Exception {
    var response =
        post(
            request("server/discover", Json.createObjectBuilder()),
            headers("server/discover", null));
    assertEquals(200, response.statusCode(), response.body());
    JsonObject result = McpHttp.message(response).getJsonObject("result");
    assertEquals("complete", result.getString("resultType"));
    assertTrue(
        result.getJsonArray("supportedVersions").contains(Json.createValue(VERSION)),
        result.toString());
    assertTrue(
        result.getJsonArray("supportedVersions").contains(Json.createValue("2025-11-25")),
        result.toString());
    assertEquals("private", result.getString("cacheScope"));
    assertEquals(
        "countersign",
        result
            .getJsonObject("_meta")
            .getJsonObject("io.modelcontextprotocol/serverInfo")
            .getString("name"));
    assertTrue(response.headers().firstValue("Mcp-Session-Id").isEmpty(), "no session");
  }

  @Test
  void headersThatDisagreeWithTheBodyGet32020() throws Exception {
    JsonObject call =
        request(
            "tools/call",
            Json.createObjectBuilder()
                .add("name", "shop__list_orders")
                .add("arguments", Json.createObjectBuilder().add("limit", 1)));
    var wrongName = post(call, headers("tools/call", "shop__delete_orders"));
    assertError(wrongName, 400, -32020, "Mcp-Name");
    var noName = post(call, headers("tools/call", null));
    assertError(noName, 400, -32020, "Mcp-Name header is missing");
    var wrongMethod = post(call, headers("tools/list", "shop__list_orders"));
    assertError(wrongMethod, 400, -32020, "Mcp-Method");
    Map<String, String> wrongVersion = headers("tools/call", "shop__list_orders");
    wrongVersion.put("MCP-Protocol-Version", "2025-11-25");
    assertError(post(call, wrongVersion), 400, -32020, "MCP-Protocol-Version");

    String encoded =
        "=?base64?"
            + Base64.getEncoder()
                .encodeToString("shop__list_orders".getBytes(StandardCharsets.UTF_8))
            + "?=";
    var base64Name = post(call, headers("tools/call", encoded));
    assertEquals(200, base64Name.statusCode(), base64Name.body());
    JsonObject result = McpHttp.message(base64Name).getJsonObject("result");
    assertEquals("complete", result.getString("resultType"), result.toString());
  }

  @Test
  void anUnsupportedVersionGets32022WithTheSupportedOnes() throws Exception {
    JsonObject body =
        Json.createObjectBuilder()
            .add("jsonrpc", "2.0")
            .add("id", 7)
            .add("method", "tools/list")
            .add("params", Json.createObjectBuilder().add("_meta", meta("2099-01-01")))
            .build();
    Map<String, String> headers = headers("tools/list", null);
    headers.put("MCP-Protocol-Version", "2099-01-01");
    var response = post(body, headers);
    JsonObject error = assertError(response, 400, -32022, "2099-01-01");
    assertEquals("2099-01-01", error.getJsonObject("data").getString("requested"));
    assertTrue(
        error.getJsonObject("data").getJsonArray("supported").contains(Json.createValue(VERSION)),
        error.toString());
  }

  @Test
  void aRequestWithoutItsCapabilitiesOrVersionInMetaIsInvalidParams() throws Exception {
    JsonObject noCapabilities =
        Json.createObjectBuilder()
            .add("jsonrpc", "2.0")
            .add("id", 8)
            .add("method", "tools/list")
            .add(
                "params",
                Json.createObjectBuilder()
                    .add(
                        "_meta",
                        Json.createObjectBuilder()
                            .add("io.modelcontextprotocol/protocolVersion", VERSION)))
            .build();
    assertError(
        post(noCapabilities, headers("tools/list", null)), 400, -32602, "clientCapabilities");

    JsonObject noMeta =
        Json.createObjectBuilder()
            .add("jsonrpc", "2.0")
            .add("id", 9)
            .add("method", "tools/list")
            .add("params", JsonValue.EMPTY_JSON_OBJECT)
            .build();
    assertError(post(noMeta, headers("tools/list", null)), 400, -32602, "_meta");
  }

  @Test
  void anotherTenantsKeyGetsNothingAndEachAgentHasItsOwnSession() throws Exception {
    Map<String, String> foreign = headers("tools/list", null);
    foreign.put("Authorization", "Bearer " + held.key);
    var refused = post(request("tools/list", Json.createObjectBuilder()), foreign);
    assertEquals(401, refused.statusCode(), "a key of tenant modern-era at tenant demo");

    var listed =
        post(request("tools/list", Json.createObjectBuilder()), headers("tools/list", null));
    assertEquals(200, listed.statusCode(), listed.body());
    assertEquals(
        1,
        Database.count(
            "SELECT COUNT(*) FROM mcp_session s JOIN agent a ON a.id = s.agent_id"
                + " WHERE s.id = 'modern-' || a.id AND a.tenant_id = 'demo'"
                + " AND s.protocol_version = '2026-07-28'"),
        "the demo agent's requests share one session of its own");
  }

  @Test
  void methodsThisEraRemovedAre404() throws Exception {
    for (String method : List.of("ping", "logging/setLevel", "no/such-method")) {
      var response = post(request(method, Json.createObjectBuilder()), headers(method, null));
      assertError(response, 404, -32601, method);
    }
  }

  // --- helpers

  private static String demoUrl() {
    return ItEnvironment.baseUrl() + "/t/demo/mcp";
  }

  private static List<String> names(JsonObject out) {
    List<String> names = new ArrayList<>();
    out.getJsonArray("tools").forEach(t -> names.add(t.asJsonObject().getString("name")));
    names.sort(null);
    return names;
  }

  private static JsonObject meta(String version) {
    return Json.createObjectBuilder()
        .add("io.modelcontextprotocol/protocolVersion", version)
        .add(
            "io.modelcontextprotocol/clientInfo",
            Json.createObjectBuilder().add("name", "it").add("version", "1"))
        .add("io.modelcontextprotocol/clientCapabilities", JsonValue.EMPTY_JSON_OBJECT)
        .build();
  }

  private static JsonObject request(String method, jakarta.json.JsonObjectBuilder params) {
    return Json.createObjectBuilder()
        .add("jsonrpc", "2.0")
        .add("id", 1)
        .add("method", method)
        .add("params", params.add("_meta", meta(VERSION)))
        .build();
  }

  private static Map<String, String> headers(String method, String name) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("Accept", McpHttp.ACCEPT_BOTH);
    headers.put("Authorization", "Bearer " + ItEnvironment.demoAgentKey());
    headers.put("MCP-Protocol-Version", VERSION);
    headers.put("Mcp-Method", method);
    if (name != null) {
      headers.put("Mcp-Name", name);
    }
    return headers;
  }

  private static HttpResponse<String> post(JsonObject body, Map<String, String> headers)
      throws Exception {
    return new McpHttp("demo", ItEnvironment.demoAgentKey()).post(body.toString(), headers);
  }

  private static JsonObject assertError(
      HttpResponse<String> response, int status, int code, String mentions) {
    assertEquals(status, response.statusCode(), response.body());
    JsonObject error =
        Json.createReader(new java.io.StringReader(response.body()))
            .readObject()
            .getJsonObject("error");
    assertEquals(code, error.getInt("code"), response.body());
    assertTrue(error.getString("message").contains(mentions), response.body());
    return error;
  }
}
