package io.countersign.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Upstreams that are down, slow, or answer garbage: the agent gets a clear error for that upstream
 * and the tenant's other tools keep working.
 */
class UpstreamFailureIT {

  private static HttpServer fakes;
  private static McpHttp mcp;

  @BeforeAll
  static void start() throws Exception {
    fakes = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    fakes.createContext(
        "/slow",
        exchange -> {
          try {
            Thread.sleep(4_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.sendResponseHeaders(500, -1);
          exchange.close();
        });
    fakes.createContext(
        "/garbage",
        exchange -> {
          byte[] body = "<html>surprise</html>".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/html");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    fakes.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    fakes.start();
    String base = "http://127.0.0.1:" + fakes.getAddress().getPort();
    int closedPort;
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    OperatorApi.importBundle(
        "flaky",
        OperatorApi.bundle(
            "flaky-tenant.yaml",
            Map.of(
                "SHOP_URL", OperatorApi.shopUrl(),
                "DOWN_URL", "http://127.0.0.1:" + closedPort + "/mcp",
                "SLOW_URL", base + "/slow",
                "GARBAGE_URL", base + "/garbage")));
    mcp = new McpHttp("flaky", OperatorApi.issueKey("flaky", "flaky-agent"));
    mcp.initialize("2025-11-25");
  }

  @AfterAll
  static void stop() {
    if (fakes != null) {
      fakes.stop(0);
    }
  }

  @Test
  void toolsListWhenSomeUpstreamsFailThenOthersListedAndFailuresNamed() throws Exception {
    JsonObject result =
        mcp.call("tools/list", JsonObject.EMPTY_JSON_OBJECT).getJsonObject("result");
    List<String> names =
        result.getJsonArray("tools").stream().map(t -> t.asJsonObject().getString("name")).toList();
    assertTrue(names.contains("shop__list_orders"), names.toString());
    List<String> unavailable =
        result
            .getJsonObject("_meta")
            .getJsonArray("io.countersign/unavailableUpstreams")
            .getValuesAs(JsonString.class)
            .stream()
            .map(JsonString::getString)
            .sorted()
            .toList();
    assertEquals(List.of("down", "garbage", "slow"), unavailable);
  }

  @Test
  void toolsCallWhenUpstreamDownThenToolErrorNamingIt() throws Exception {
    assertToolError(
        mcp.callTool("down__anything", JsonObject.EMPTY_JSON_OBJECT),
        "Upstream 'down' is unavailable");
  }

  @Test
  void toolsCallWhenUpstreamSlowThenToolErrorAfterTimeout() throws Exception {
    long started = System.nanoTime();
    assertToolError(
        mcp.callTool("slow__anything", JsonObject.EMPTY_JSON_OBJECT),
        "Upstream 'slow' is unavailable");
    assertTrue((System.nanoTime() - started) / 1_000_000 < 3_900, "gave up before the upstream");
  }

  @Test
  void toolsCallWhenUpstreamAnswersGarbageThenToolErrorNamingIt() throws Exception {
    assertToolError(
        mcp.callTool("garbage__anything", JsonObject.EMPTY_JSON_OBJECT),
        "Upstream 'garbage' is unavailable");
  }

  private static void assertToolError(JsonObject response, String expected) {
    JsonObject result = response.getJsonObject("result");
    assertTrue(result.getBoolean("isError"), response.toString());
    String text = result.getJsonArray("content").getJsonObject(0).getString("text");
    assertTrue(text.startsWith(expected), text);
  }
}
