package io.countersign.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every bad input of the foundation issue gets its stated answer, over real HTTP. */
class McpBadInputIT {

  private McpHttp mcp;

  @BeforeEach
  void initialize() throws Exception {
    mcp = new McpHttp("demo", ItEnvironment.demoAgentKey());
    mcp.initialize("2025-11-25");
  }

  @Test
  void postWhenBodyIsNotJsonThenParseError() throws Exception {
    var response = mcp.post("{\"jsonrpc\": \"2.0\", \"id\": 1,", mcp.standardHeaders());
    assertEquals(400, response.statusCode());
    assertEquals(-32700, errorCode(response));
  }

  @Test
  void postWhenMessageHasNoMethodThenInvalidRequest() throws Exception {
    var response = mcp.post("{\"jsonrpc\":\"2.0\",\"id\":7}", mcp.standardHeaders());
    assertEquals(400, response.statusCode());
    assertEquals(-32600, errorCode(response));
  }

  @Test
  void postWhenBatchThenInvalidRequest() throws Exception {
    var response =
        mcp.post("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]", mcp.standardHeaders());
    assertEquals(-32600, errorCode(response));
  }

  @Test
  void postWhenMethodUnknownThenMethodNotFound() throws Exception {
    JsonObject response = mcp.call("tools/frobnicate", JsonObject.EMPTY_JSON_OBJECT);
    assertEquals(-32601, response.getJsonObject("error").getInt("code"));
  }

  @Test
  void toolsCallWhenNameMissingThenInvalidParams() throws Exception {
    JsonObject response =
        mcp.call(
            "tools/call",
            Json.createObjectBuilder().add("arguments", Json.createObjectBuilder()).build());
    assertEquals(-32602, response.getJsonObject("error").getInt("code"));
  }

  @Test
  void toolsCallWhenToolUnknownThenInvalidParams() throws Exception {
    JsonObject response = mcp.callTool("shop__no_such_tool", JsonObject.EMPTY_JSON_OBJECT);
    assertEquals(-32602, response.getJsonObject("error").getInt("code"));
    assertTrue(response.getJsonObject("error").getString("message").contains("no_such_tool"));
  }

  @Test
  void toolsCallWhenUpstreamUnknownThenInvalidParams() throws Exception {
    JsonObject response = mcp.callTool("nowhere__list_orders", JsonObject.EMPTY_JSON_OBJECT);
    assertEquals(-32602, response.getJsonObject("error").getInt("code"));
  }

  @Test
  void postWhenAcceptLacksEventStreamThenNotAcceptable() throws Exception {
    var headers = new java.util.LinkedHashMap<>(mcp.standardHeaders());
    headers.put("Accept", "application/json");
    var response = mcp.post(ping(), headers);
    assertEquals(406, response.statusCode());
  }

  @Test
  void postWhenSessionHeaderMissingThenBadRequest() throws Exception {
    var headers = new java.util.LinkedHashMap<>(mcp.standardHeaders());
    headers.remove("Mcp-Session-Id");
    assertEquals(400, mcp.post(ping(), headers).statusCode());
  }

  @Test
  void postWhenSessionUnknownThenNotFound() throws Exception {
    var headers = new java.util.LinkedHashMap<>(mcp.standardHeaders());
    headers.put("Mcp-Session-Id", "no-such-session");
    assertEquals(404, mcp.post(ping(), headers).statusCode());
  }

  @Test
  void postWhenSessionDeletedThenNotFound() throws Exception {
    var deleted = mcp.send("DELETE", HttpRequest.BodyPublishers.noBody(), mcp.standardHeaders());
    assertEquals(204, deleted.statusCode());
    assertEquals(404, mcp.post(ping(), mcp.standardHeaders()).statusCode());
  }

  @Test
  void postWhenProtocolVersionUnsupportedThenBadRequest() throws Exception {
    var headers = new java.util.LinkedHashMap<>(mcp.standardHeaders());
    headers.put("MCP-Protocol-Version", "1999-01-01");
    var response = mcp.post(ping(), headers);
    assertEquals(400, response.statusCode());
    assertTrue(response.body().contains("1999-01-01"));
  }

  @Test
  void postWhenOriginForeignThenForbidden() throws Exception {
    var headers = new java.util.LinkedHashMap<>(mcp.standardHeaders());
    headers.put("Origin", "https://evil.example");
    assertEquals(403, mcp.post(ping(), headers).statusCode());
  }

  @Test
  void postWhenBodyOverLimitThenPayloadTooLarge() throws Exception {
    String big =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\""
            + "x".repeat(4 * 1024 * 1024)
            + "\"}}";
    assertEquals(413, mcp.post(big, mcp.standardHeaders()).statusCode());
  }

  @Test
  void postWhenTenantUnknownThenNotFound() throws Exception {
    var other = new McpHttp("no-such-tenant", ItEnvironment.demoAgentKey());
    var response = other.post(ping(), other.standardHeaders());
    assertEquals(404, response.statusCode());
  }

  @Test
  void postWhenNoCredentialsThenUnauthorizedNamingResourceMetadata() throws Exception {
    var anonymous = new McpHttp("demo", null);
    var response = anonymous.post(ping(), anonymous.standardHeaders());
    assertEquals(401, response.statusCode());
    String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
    assertTrue(
        challenge.contains(
            "resource_metadata=\""
                + ItEnvironment.baseUrl()
                + "/.well-known/oauth-protected-resource/t/demo/mcp\""),
        challenge);
    var metadata =
        McpHttp.get(ItEnvironment.baseUrl() + "/.well-known/oauth-protected-resource/t/demo/mcp");
    assertEquals(200, metadata.statusCode());
    assertTrue(metadata.body().contains(ItEnvironment.baseUrl() + "/t/demo/mcp"));
  }

  @Test
  void postWhenKeyInvalidThenUnauthorized() throws Exception {
    var forged = new McpHttp("demo", "cs_itdemokeyaaa_Zm9yZ2VkLWZvcmdlZC1mb3JnZWQtZm9yZ2VkLWZvcmc");
    var response = forged.post(ping(), forged.standardHeaders());
    assertEquals(401, response.statusCode());
    assertTrue(
        response.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_token"));
  }

  @Test
  void pingWhenSessionValidThenEmptyResult() throws Exception {
    JsonObject response = mcp.call("ping", JsonObject.EMPTY_JSON_OBJECT);
    assertEquals(JsonObject.EMPTY_JSON_OBJECT, response.getJsonObject("result"));
  }

  @Test
  void getWhenSessionValidThenMethodNotAllowed() throws Exception {
    var headers =
        Map.of(
            "Accept",
            "text/event-stream",
            "Authorization",
            "Bearer " + ItEnvironment.demoAgentKey(),
            "Mcp-Session-Id",
            mcp.sessionId().orElseThrow());
    var response = mcp.send("GET", HttpRequest.BodyPublishers.noBody(), headers);
    assertEquals(405, response.statusCode());
  }

  @Test
  void postWhenBodyIsNotDeclaredJsonThenUnsupportedMediaType() throws Exception {
    var headers = new java.util.LinkedHashMap<>(mcp.standardHeaders());
    headers.put("Content-Type", "text/plain");
    var response = mcp.post(ping(), headers);
    assertEquals(415, response.statusCode());
    assertEquals(-32600, errorCode(response));
  }

  /**
   * The endpoint takes GET, POST and DELETE; any other method is refused with the methods it takes
   * (RFC 9110 section 15.5.6), and an OPTIONS request is told them.
   */
  @Test
  void otherMethodWhenSentThenMethodNotAllowedNamingTheAllowedOnes() throws Exception {
    var put = mcp.send("PUT", HttpRequest.BodyPublishers.ofString(ping()), mcp.standardHeaders());
    assertEquals(405, put.statusCode());
    assertEquals("GET, POST, DELETE", put.headers().firstValue("Allow").orElse(""));
    assertEquals(-32600, errorCode(put));
    var options = mcp.send("OPTIONS", HttpRequest.BodyPublishers.noBody(), Map.of());
    assertEquals(204, options.statusCode());
    assertEquals("GET, POST, DELETE", options.headers().firstValue("Allow").orElse(""));
  }

  /** Paths beside the MCP endpoint under the tenant's prefix are not taken for it. */
  @Test
  void pathBesideMcpEndpointWhenRequestedThenNotAnsweredAsMcp() throws Exception {
    var response = McpHttp.get(ItEnvironment.baseUrl() + "/t/demo/mcpx");
    assertEquals(404, response.statusCode());
    var discovery =
        McpHttp.get(ItEnvironment.baseUrl() + "/t/demo/.well-known/openid-configuration");
    assertEquals(200, discovery.statusCode());
  }

  private static String ping() {
    return "{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"ping\"}";
  }

  private static int errorCode(HttpResponse<String> response) {
    return McpHttp.message(response).getJsonObject("error").getInt("code");
  }
}
