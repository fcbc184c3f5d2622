package io.countersign.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A 2026-07-28 client's {@code tools/call} that may require input, its retries with a {@code
 * requestState} and {@code inputResponses}, and the answers the input-required ITs expect.
 */
final class ModernRetries {

  static final String VERSION = "2026-07-28";
  private static final AtomicInteger IDS = new AtomicInteger();

  private ModernRetries() {}

  /**
   * The call of {@code tool} (no arguments) from a client that declares form elicitation, or its
   * retry with a state and answers.
   */
  static JsonObject call(String tool, String state, JsonObjectBuilder responses) {
    var params =
        Json.createObjectBuilder().add("name", tool).add("arguments", JsonValue.EMPTY_JSON_OBJECT);
    return retried("tools/call", params, state, responses);
  }

  /**
   * A {@code prompts/get} or {@code resources/read} ({@code params}: its name and arguments, or its
   * URI) from a client that declares form elicitation, or its retry with a state and answers.
   */
  static JsonObject retried(
      String method, JsonObjectBuilder params, String state, JsonObjectBuilder responses) {
    params.add(
        "_meta",
        meta(
            Json.createObjectBuilder()
                .add(
                    "elicitation",
                    Json.createObjectBuilder().add("form", JsonValue.EMPTY_JSON_OBJECT))
                .build()));
    if (state != null) {
      params.add("requestState", state);
    }
    if (responses != null) {
      params.add("inputResponses", responses);
    }
    return request(method, params);
  }

  /** An elicitation's answer accepting with this content (JSON text). */
  static JsonObject accepted(String content) {
    return Json.createObjectBuilder()
        .add("action", "accept")
        .add("content", Json.createReader(new java.io.StringReader(content)).readObject())
        .build();
  }

  static JsonObject request(String method, JsonObjectBuilder params) {
    return Json.createObjectBuilder()
        .add("jsonrpc", "2.0")
        .add("id", IDS.incrementAndGet())
        .add("method", method)
        .add("params", params)
        .build();
  }

  static JsonObject meta(JsonObject capabilities) {
    return Json.createObjectBuilder()
        .add("io.modelcontextprotocol/protocolVersion", VERSION)
        .add(
            "io.modelcontextprotocol/clientInfo",
            Json.createObjectBuilder().add("name", "it").add("version", "1"))
        .add("io.modelcontextprotocol/clientCapabilities", capabilities)
        .build();
  }

  static Map<String, String> headers(String bearer, String method, String name) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("Accept", McpHttp.ACCEPT_BOTH);
    headers.put("Authorization", "Bearer " + bearer);
    headers.put("MCP-Protocol-Version", VERSION);
    headers.put("Mcp-Method", method);
    headers.put("Mcp-Name", name);
    return headers;
  }

  /** POSTs a {@code tools/call} of {@code tool} to the tenant's endpoint as a 2026-07-28 client. */
  static HttpResponse<String> post(String tenant, String bearer, String tool, JsonObject body)
      throws Exception {
    return new McpHttp(tenant, bearer).post(body.toString(), headers(bearer, "tools/call", tool));
  }

  /**
   * POSTs a 2026-07-28 request of {@code method} naming {@code name} (in {@code Mcp-Name}) to the
   * tenant's endpoint.
   */
  static HttpResponse<String> post(
      String tenant, String bearer, String method, String name, JsonObject body) throws Exception {
    return new McpHttp(tenant, bearer).post(body.toString(), headers(bearer, method, name));
  }

  static JsonObject message(HttpResponse<String> response) {
    assertEquals(200, response.statusCode(), response.body());
    return McpHttp.message(response);
  }

  static void assertInvalidParams(HttpResponse<String> response, String mentions) {
    JsonObject error = message(response).getJsonObject("error");
    assertEquals(-32602, error.getInt("code"), response.body());
    assertTrue(error.getString("message").contains(mentions), response.body());
  }

  static void assertInvalidState(HttpResponse<String> response, String mentions) {
    assertInvalidParams(response, mentions);
    assertEquals(
        "invalid_request_state",
        message(response).getJsonObject("error").getJsonObject("data").getString("reason"));
  }
}
