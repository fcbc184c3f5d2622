package io.countersign.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Sessions are rows: after the server restarts, a client's session continues (the gateway
 * re-initialises its own upstream session, which the upstream forgot), and an ended session still
 * answers 404 so the client re-initialises.
 */
class SessionRestartIT {

  @Test
  void sessionWhenServerRestartsThenContinues() throws Exception {
    var live = new McpHttp("demo", ItEnvironment.demoAgentKey());
    live.initialize("2025-11-25");
    assertFalse(listOrders(live).getJsonObject("result").getBoolean("isError", false));
    var ended = new McpHttp("demo", ItEnvironment.demoAgentKey());
    ended.initialize("2025-11-25");
    ended.send(
        "DELETE", java.net.http.HttpRequest.BodyPublishers.noBody(), ended.standardHeaders());

    restartServer();

    JsonObject afterRestart = listOrders(live);
    assertFalse(
        afterRestart.getJsonObject("result").getBoolean("isError", false), afterRestart.toString());
    assertEquals(
        404,
        ended
            .post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", ended.standardHeaders())
            .statusCode());
  }

  private static JsonObject listOrders(McpHttp mcp) throws Exception {
    return mcp.callTool(
        "shop__list_orders", jakarta.json.Json.createObjectBuilder().add("limit", 1).build());
  }

  private static void restartServer() throws Exception {
    Path server = Path.of(System.getProperty("it.liberty.dir"), "bin", "server");
    liberty(server, "stop");
    liberty(server, "start");
    Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
    while (Instant.now().isBefore(deadline)) {
      try {
        var ready = McpHttp.get(ItEnvironment.baseUrl() + "/health/ready");
        if (ready.statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException notYet) {
        // the server is still starting
      }
      Thread.sleep(1_000);
    }
    fail("the server did not become ready again within 180 s");
  }

  private static void liberty(Path server, String action) throws Exception {
    Process process =
        new ProcessBuilder(server.toString(), action, "countersign")
            .redirectOutput(ProcessBuilder.Redirect.INHERIT)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("server " + action + " did not finish in 120 s");
    }
  }
}
