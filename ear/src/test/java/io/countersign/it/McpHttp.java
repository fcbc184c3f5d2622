package io.countersign.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deliberately plain Streamable HTTP client for protocol tests: it sends exactly the bytes and
 * headers a test gives it, so tests can also send what a well-behaved SDK never would.
 */
final class McpHttp {

  static final String ACCEPT_BOTH = "application/json, text/event-stream";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final String baseUrl;
  private final String tenant;
  private final String key;
  private final AtomicInteger ids = new AtomicInteger();
  private String sessionId;
  private String protocolVersion;

  McpHttp(String tenant, String key) {
    this(ItEnvironment.baseUrl(), tenant, key);
  }

  /** A client of the node at {@code baseUrl} (see SecondNode). */
  McpHttp(String baseUrl, String tenant, String key) {
    this.baseUrl = baseUrl;
    this.tenant = tenant;
    this.key = key;
  }

  String endpoint() {
    return baseUrl + "/t/" + tenant + "/mcp";
  }

  Optional<String> sessionId() {
    return Optional.ofNullable(sessionId);
  }

  /** initialize + notifications/initialized; remembers the session. */
  JsonObject initialize(String version) throws IOException, InterruptedException {
    return initialize(version, JsonValue.EMPTY_JSON_OBJECT);
  }

  /** The same, declaring these client capabilities. */
  JsonObject initialize(String version, JsonObject capabilities)
      throws IOException, InterruptedException {
    var response =
        post(
            request(
                    "initialize",
                    Json.createObjectBuilder()
                        .add("protocolVersion", version)
                        .add("capabilities", capabilities)
                        .add(
                            "clientInfo",
                            Json.createObjectBuilder().add("name", "it").add("version", "1"))
                        .build())
                .toString(),
            standardHeaders());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "initialize answered " + response.statusCode() + ": " + response.body());
    }
    sessionId = response.headers().firstValue("Mcp-Session-Id").orElseThrow();
    JsonObject body = message(response);
    protocolVersion = body.getJsonObject("result").getString("protocolVersion");
    var initialized =
        post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", standardHeaders());
    if (initialized.statusCode() != 202) {
      throw new IllegalStateException("initialized answered " + initialized.statusCode());
    }
    return body;
  }

  /** A request on the session; returns the single JSON-RPC response. */
  JsonObject call(String method, JsonObject params) throws IOException, InterruptedException {
    var response = post(request(method, params).toString(), standardHeaders());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          method + " answered HTTP " + response.statusCode() + ": " + response.body());
    }
    return message(response);
  }

  JsonObject callTool(String name, JsonObject arguments) throws IOException, InterruptedException {
    return call(
        "tools/call",
        Json.createObjectBuilder().add("name", name).add("arguments", arguments).build());
  }

  /** A {@code tools/call} request of this tool without arguments. */
  JsonObject toolCall(String tool) {
    return request(
        "tools/call",
        Json.createObjectBuilder()
            .add("name", tool)
            .add("arguments", JsonObject.EMPTY_JSON_OBJECT)
            .build());
  }

  JsonObject request(String method, JsonObject params) {
    return Json.createObjectBuilder()
        .add("jsonrpc", "2.0")
        .add("id", ids.incrementAndGet())
        .add("method", method)
        .add("params", params)
        .build();
  }

  Map<String, String> standardHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("Accept", ACCEPT_BOTH);
    if (key != null) {
      headers.put("Authorization", "Bearer " + key);
    }
    if (sessionId != null) {
      headers.put("Mcp-Session-Id", sessionId);
      headers.put("MCP-Protocol-Version", protocolVersion);
    }
    return headers;
  }

  HttpResponse<String> post(String body, Map<String, String> headers)
      throws IOException, InterruptedException {
    return send("POST", HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8), headers);
  }

  /** A POST whose answer is read line by line as it arrives (an SSE stream left open). */
  HttpResponse<java.util.stream.Stream<String>> postStreaming(String body)
      throws IOException, InterruptedException {
    var builder =
        HttpRequest.newBuilder(URI.create(endpoint()))
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    standardHeaders().forEach(builder::header);
    return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofLines());
  }

  HttpResponse<String> send(
      String method, HttpRequest.BodyPublisher body, Map<String, String> headers)
      throws IOException, InterruptedException {
    var builder = HttpRequest.newBuilder(URI.create(endpoint())).method(method, body);
    headers.forEach(builder::header);
    return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The next message of an SSE stream read line by line ({@link #postStreaming}). */
  static JsonObject nextMessage(java.util.Iterator<String> lines) {
    while (lines.hasNext()) {
      String line = lines.next();
      if (line.startsWith("data:") && !line.substring(5).isBlank()) {
        return Json.createReader(new StringReader(line.substring(5).trim())).readObject();
      }
    }
    throw new AssertionError("the stream ended without a message");
  }

  /** The JSON-RPC response in a JSON body or in the last SSE message event. */
  static JsonObject message(HttpResponse<String> response) {
    String contentType = response.headers().firstValue("Content-Type").orElse("");
    String json = response.body();
    if (contentType.startsWith("text/event-stream")) {
      String last = null;
      for (String line : response.body().split("\n")) {
        if (line.startsWith("data:") && !line.substring(5).isBlank()) {
          last = line.substring(5).trim(); // a priming event's data is empty
        }
      }
      json = last;
    }
    try (var reader = Json.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }
}
