package io.countersign.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fields the gateway does not know survive the trip to the upstream: the upstream here answers a
 * tools/call with the exact request it received.
 */
class LosslessForwardingIT {

  private static HttpServer mirror;
  private static McpHttp mcp;

  @BeforeAll
  static void start() throws Exception {
    mirror = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    mirror.setExecutor(Executors.newCachedThreadPool());
    mirror.createContext("/mcp", LosslessForwardingIT::answer);
    mirror.start();
    OperatorApi.importBundle(
        "mirror",
        OperatorApi.bundle(
            "mirror-tenant.yaml",
            Map.of("MIRROR_URL", "http://127.0.0.1:" + mirror.getAddress().getPort() + "/mcp")));
    mcp = new McpHttp("mirror", OperatorApi.issueKey("mirror", "mirror-agent"));
    mcp.initialize("2025-11-25");
  }

  @AfterAll
  static void stop() {
    if (mirror != null) {
      mirror.stop(0);
    }
  }

  @Test
  void toolsCallWhenMessageHasUnknownFieldsThenUpstreamReceivesThemUnchanged() throws Exception {
    JsonObject sent =
        Json.createObjectBuilder()
            .add("jsonrpc", "2.0")
            .add("id", "call-7")
            .add("method", "tools/call")
            .add("x-top-level", Json.createArrayBuilder().add(1).add(2.50))
            .add(
                "params",
                Json.createObjectBuilder()
                    .add("name", "mirror__inspect")
                    .add(
                        "arguments",
                        Json.createObjectBuilder()
                            .add("n", 12345678901234567L)
                            .add("nested", Json.createObjectBuilder().add("deep", true)))
                    .add(
                        "_meta",
                        Json.createObjectBuilder()
                            .add("progressToken", "t-7")
                            .add("vendor.example/trace", "abc"))
                    .add("x-extension", "kept"))
            .build();
    var response = mcp.post(sent.toString(), mcp.standardHeaders());
    JsonObject result = McpHttp.message(response).getJsonObject("result");
    JsonObject received =
        Json.createReader(
                new StringReader(result.getJsonArray("content").getJsonObject(0).getString("text")))
            .readObject();

    JsonObject expected =
        Json.createObjectBuilder(sent)
            .add(
                "params",
                Json.createObjectBuilder(sent.getJsonObject("params")).add("name", "inspect"))
            .build();
    assertEquals(expected, received);
  }

  /** A minimal MCP server: initialize, tools/list with one tool, tools/call mirrored. */
  private static void answer(HttpExchange exchange) throws IOException {
    JsonObject request;
    try (var reader = Json.createReader(exchange.getRequestBody())) {
      request = reader.readObject();
    }
    String method = request.getString("method", "");
    if (!request.containsKey("id")) {
      exchange.sendResponseHeaders(202, -1);
      exchange.close();
      return;
    }
    var result =
        switch (method) {
          case "initialize" -> MinimalUpstream.initializeResult("mirror");
          case "tools/list" ->
              MinimalUpstream.toolsListResult(
                  "inspect", Json.createObjectBuilder().add("readOnlyHint", true));
          default -> MinimalUpstream.textResult(request.toString());
        };
    byte[] body =
        Json.createObjectBuilder()
            .add("jsonrpc", "2.0")
            .add("id", request.get("id"))
            .add("result", result)
            .build()
            .toString()
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }
}
