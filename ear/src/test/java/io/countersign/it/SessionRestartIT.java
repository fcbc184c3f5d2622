package io.countersign.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.JsonObject;
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

    ItServer.restart();

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
}
