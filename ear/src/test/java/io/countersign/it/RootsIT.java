package io.countersign.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Roots, "Root List Changes": a client's {@code notifications/roots/list_changed} reaches the
 * upstreams that asked it for its roots (an upstream's {@code roots/list} relayed on a call's
 * stream), as sent, and no other upstream.
 */
class RootsIT {

  private static HttpServer upstreams;
  private static final List<String> asksReceived = new CopyOnWriteArrayList<>();
  private static final List<String> quietReceived = new CopyOnWriteArrayList<>();
  private static String key;

  @BeforeAll
  static void start() throws Exception {
    upstreams = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    upstreams.setExecutor(Executors.newCachedThreadPool());
    upstreams.createContext("/asks", exchange -> answer(exchange, true, asksReceived));
    upstreams.createContext("/quiet", exchange -> answer(exchange, false, quietReceived));
    upstreams.start();
    String base = "http://127.0.0.1:" + upstreams.getAddress().getPort();
    OperatorApi.importBundle(
        "roots",
        OperatorApi.bundle(
            "roots-tenant.yaml", Map.of("ASKS_URL", base + "/asks", "QUIET_URL", base + "/quiet")));
    key = OperatorApi.issueKey("roots", "roots-agent");
  }

  @AfterAll
  static void stop() {
    if (upstreams != null) {
      upstreams.stop(0);
    }
  }

  @Test
  void rootsListChangedWhenAnUpstreamAskedForRootsThenItAloneGetsTheNotification()
      throws Exception {
    McpHttp mcp = new McpHttp("roots", key);
    mcp.initialize(
        "2025-11-25",
        Json.createObjectBuilder()
            .add("roots", Json.createObjectBuilder().add("listChanged", true))
            .build());
    var call = mcp.post(mcp.toolCall("asks__look").toString(), mcp.standardHeaders());
    JsonObject asked = firstRequest(call.body());
    assertEquals("roots/list", asked.getString("method"), call.body());
    var answer =
        Json.createObjectBuilder()
            .add("jsonrpc", "2.0")
            .add("id", asked.get("id"))
            .add("result", Json.createObjectBuilder().add("roots", Json.createArrayBuilder()))
            .build();
    assertEquals(202, mcp.post(answer.toString(), mcp.standardHeaders()).statusCode());
    assertEquals(
        200, mcp.post(mcp.toolCall("quiet__look").toString(), mcp.standardHeaders()).statusCode());

    String changed = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/roots/list_changed\"}";
    assertEquals(202, mcp.post(changed, mcp.standardHeaders()).statusCode());

    Instant deadline = Instant.now().plusSeconds(10);
    while (!asksReceived.contains(changed) && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
    assertTrue(asksReceived.contains(changed), "the upstream that asked: " + asksReceived);
    assertTrue(
        asksReceived.stream().anyMatch(m -> m.contains("\"id\":\"up-roots-1\"")),
        "the client's roots went back to it under its own id: " + asksReceived);
    assertFalse(
        quietReceived.stream().anyMatch(m -> m.contains("roots/list_changed")),
        "never to an upstream that did not ask: " + quietReceived);
  }

  /** The first request (a message with a method and an id) on an SSE answer. */
  private static JsonObject firstRequest(String sse) {
    for (String line : sse.split("\n")) {
      if (line.startsWith("data:") && !line.substring(5).isBlank()) {
        JsonObject message = Json.createReader(new StringReader(line.substring(5))).readObject();
        if (message.containsKey("method") && message.containsKey("id")) {
          return message;
        }
      }
    }
    throw new AssertionError("no request on the stream: " + sse);
  }

  /**
   * A minimal MCP server that records every message it is sent; with {@code asks}, a call's answer
   * is an SSE stream that first asks the client for its roots.
   */
  private static void answer(HttpExchange exchange, boolean asks, List<String> received)
      throws IOException {
    String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    received.add(text);
    JsonObject request = Json.createReader(new StringReader(text)).readObject();
    if (!request.containsKey("id") || !request.containsKey("method")) {
      exchange.sendResponseHeaders(202, -1);
      exchange.close();
      return;
    }
    var result =
        switch (request.getString("method")) {
          case "initialize" -> MinimalUpstream.initializeResult("roots-test");
          case "tools/list" -> MinimalUpstream.toolsListResult("look", Json.createObjectBuilder());
          default -> MinimalUpstream.textResult("done");
        };
    String response =
        Json.createObjectBuilder()
            .add("jsonrpc", "2.0")
            .add("id", request.get("id"))
            .add("result", result)
            .build()
            .toString();
    boolean stream = asks && "tools/call".equals(request.getString("method"));
    String body =
        stream
            ? "event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":\"up-roots-1\","
                + "\"method\":\"roots/list\"}\n\nevent: message\ndata: "
                + response
                + "\n\n"
            : response;
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange
        .getResponseHeaders()
        .add("Content-Type", stream ? "text/event-stream" : "application/json");
    exchange.getResponseHeaders().add("Mcp-Session-Id", "upstream-session");
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
