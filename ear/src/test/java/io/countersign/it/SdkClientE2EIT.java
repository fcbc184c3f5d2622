package io.countersign.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Independent clients end to end: the official TypeScript SDK client and the MCP Inspector CLI,
 * through Countersign, against the demo upstream and against server-everything.
 */
class SdkClientE2EIT {

  private static NodePeers.Upstream everything;
  private static String e2eKey;

  @BeforeAll
  static void start() throws Exception {
    everything = NodePeers.Upstream.everything();
    OperatorApi.importBundle(
        "e2e",
        OperatorApi.bundle(
            "e2e-tenant.yaml",
            Map.of("SHOP_URL", OperatorApi.shopUrl(), "EVERYTHING_URL", everything.url)));
    e2eKey = OperatorApi.issueKey("e2e", "e2e-agent");
  }

  @AfterAll
  static void stop() throws Exception {
    if (everything != null) {
      everything.close();
    }
  }

  @Test
  void sdkClientWhenDemoAgentThenListsDemoTools() throws Exception {
    JsonObject out = NodePeers.sdkClient(demoUrl(), ItEnvironment.demoAgentKey(), "list-tools");
    assertTrue(out.getBoolean("ok"), out.toString());
    assertTrue(names(out).containsAll(List.of("shop__list_orders", "shop__delete_orders")));
  }

  @Test
  void sdkClientWhenReadOnlyToolThenResult() throws Exception {
    JsonObject out =
        NodePeers.sdkClient(
            demoUrl(),
            ItEnvironment.demoAgentKey(),
            "call-tool",
            "--name",
            "shop__list_orders",
            "--args",
            "{\"limit\":3}");
    assertTrue(out.getBoolean("ok"), out.toString());
    assertFalse(out.getJsonObject("result").getBoolean("isError", false), out.toString());
  }

  @Test
  void sdkClientWhenDestructiveToolThenRefusedAndNothingDeleted() throws Exception {
    long before = Database.count("SELECT COUNT(*) FROM demo_order");
    JsonObject out =
        NodePeers.sdkClient(
            demoUrl(),
            ItEnvironment.demoAgentKey(),
            "session-flow",
            "--name",
            "shop__delete_orders",
            "--args",
            "{\"status\":\"shipped\"}");
    assertTrue(out.getBoolean("ok"), out.toString());
    JsonObject result = out.getJsonObject("result");
    assertTrue(result.getBoolean("isError"), out.toString());
    assertTrue(result.toString().contains("Denied by policy rule"), result.toString());
    assertEquals(before, Database.count("SELECT COUNT(*) FROM demo_order"));
  }

  @Test
  void sdkClientWhenEverythingUpstreamThenEchoAllowedAndWritingToolRefused() throws Exception {
    JsonObject listed = NodePeers.sdkClient(e2eUrl(), e2eKey, "list-tools");
    assertTrue(listed.getBoolean("ok"), listed.toString());
    assertTrue(
        names(listed).containsAll(List.of("everything__echo", "shop__list_orders")),
        names(listed).toString());

    JsonObject echo =
        NodePeers.sdkClient(
            e2eUrl(),
            e2eKey,
            "call-tool",
            "--name",
            "everything__echo",
            "--args",
            "{\"message\":\"countersign-e2e\"}");
    assertTrue(echo.getBoolean("ok"), echo.toString());
    assertTrue(echo.getJsonObject("result").toString().contains("countersign-e2e"));

    JsonObject refused =
        NodePeers.sdkClient(
            e2eUrl(),
            e2eKey,
            "call-tool",
            "--name",
            "everything__toggle-simulated-logging",
            "--args",
            "{}");
    assertTrue(refused.getBoolean("ok"), refused.toString());
    assertTrue(refused.getJsonObject("result").getBoolean("isError"), refused.toString());
    assertTrue(refused.getJsonObject("result").toString().contains("no-writes-in-tests"));
  }

  @Test
  void elicitationFromTheUpstreamReachesTheClientAndItsAnswerGoesBack() throws Exception {
    JsonObject accepted =
        NodePeers.sdkClient(
            e2eUrl(),
            e2eKey,
            "--elicitation",
            "accept:{\"name\":\"Ada Lovelace\",\"check\":true}",
            "call-tool",
            "--name",
            "everything__trigger-elicitation-request",
            "--args",
            "{}");
    assertTrue(accepted.getBoolean("ok"), accepted.toString());
    assertEquals(1, accepted.getJsonArray("elicitations").size(), accepted.toString());
    String result = accepted.getJsonObject("result").toString();
    assertTrue(result.contains("Ada Lovelace"), result);

    JsonObject declined =
        NodePeers.sdkClient(
            e2eUrl(),
            e2eKey,
            "--elicitation",
            "decline",
            "call-tool",
            "--name",
            "everything__trigger-elicitation-request",
            "--args",
            "{}");
    assertTrue(declined.getBoolean("ok"), declined.toString());
    assertTrue(
        declined.getJsonObject("result").toString().contains("declined"), declined.toString());
  }

  @Test
  void inspectorCliWhenListingThroughGatewayThenSeesBothUpstreams() throws Exception {
    JsonObject out = NodePeers.inspector(e2eUrl(), e2eKey, "--method", "tools/list");
    String text = out.toString();
    assertTrue(text.contains("everything__echo") && text.contains("shop__list_orders"), text);
  }

  @Test
  void toolsCallWhenUpstreamSendsProgressThenRelayedOnTheStream() throws Exception {
    var mcp = new McpHttp("e2e", e2eKey);
    mcp.initialize("2025-11-25");
    var call =
        Json.createObjectBuilder()
            .add("jsonrpc", "2.0")
            .add("id", 41)
            .add("method", "tools/call")
            .add(
                "params",
                Json.createObjectBuilder()
                    .add("name", "everything__trigger-long-running-operation")
                    .add(
                        "arguments",
                        Json.createObjectBuilder().add("duration", 0.3).add("steps", 3))
                    .add("_meta", Json.createObjectBuilder().add("progressToken", "p-41")))
            .build();
    var response = mcp.post(call.toString(), mcp.standardHeaders());
    assertEquals(200, response.statusCode());
    assertTrue(
        response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"),
        response.headers().toString());
    assertTrue(
        response.body().contains("notifications/progress") && response.body().contains("p-41"),
        response.body());
    JsonObject last = McpHttp.message(response);
    assertEquals(41, last.getInt("id"));
    assertFalse(last.getJsonObject("result").getBoolean("isError", false), last.toString());
  }

  @Test
  void promptsAndResourcesWhenListedThenQualifiedAndRoutedToTheirUpstream() throws Exception {
    var mcp = new McpHttp("e2e", e2eKey);
    mcp.initialize("2025-06-18");
    var prompts =
        mcp.call("prompts/list", JsonObject.EMPTY_JSON_OBJECT)
            .getJsonObject("result")
            .getJsonArray("prompts");
    assertFalse(prompts.isEmpty());
    String prompt = prompts.getJsonObject(0).getString("name");
    assertTrue(prompt.startsWith("everything__"), prompt);

    var resources =
        mcp.call("resources/list", JsonObject.EMPTY_JSON_OBJECT)
            .getJsonObject("result")
            .getJsonArray("resources");
    assertFalse(resources.isEmpty());
    String uri = resources.getJsonObject(0).getString("uri");
    JsonObject read =
        mcp.call("resources/read", Json.createObjectBuilder().add("uri", uri).build());
    assertEquals(
        uri,
        read.getJsonObject("result").getJsonArray("contents").getJsonObject(0).getString("uri"),
        read.toString());

    JsonObject unknown =
        mcp.call(
            "resources/read", Json.createObjectBuilder().add("uri", "nowhere://nothing").build());
    assertEquals(-32002, unknown.getJsonObject("error").getInt("code"));
    assertEquals(
        "nowhere://nothing",
        unknown.getJsonObject("error").getJsonObject("data").getString("uri"),
        unknown.toString());
  }

  private static List<String> names(JsonObject out) {
    return out.getJsonArray("tools").stream()
        .map(JsonValue::asJsonObject)
        .map(t -> t.getString("name"))
        .toList();
  }

  private static String demoUrl() {
    return ItEnvironment.baseUrl() + "/t/demo/mcp";
  }

  private static String e2eUrl() {
    return ItEnvironment.baseUrl() + "/t/e2e/mcp";
  }
}
