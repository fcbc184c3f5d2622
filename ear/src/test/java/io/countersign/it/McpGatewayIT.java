package io.countersign.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The main path on the demo tenant: tools listed with qualified names and annotations, an allowed
 * call forwarded, a denied call refused with its reason and nothing deleted, a held call refused
 * (fail closed), and exactly one audit decision row per call.
 */
class McpGatewayIT {

  private McpHttp mcp;

  @BeforeEach
  void initialize() throws Exception {
    mcp = new McpHttp("demo", ItEnvironment.demoAgentKey());
    mcp.initialize("2025-06-18");
  }

  @Test
  void toolsListWhenDemoTenantThenQualifiedToolsWithAnnotations() throws Exception {
    var tools =
        mcp.call("tools/list", JsonObject.EMPTY_JSON_OBJECT)
            .getJsonObject("result")
            .getJsonArray("tools");
    List<String> names = tools.stream().map(t -> t.asJsonObject().getString("name")).toList();
    assertTrue(
        names.containsAll(
            List.of(
                "shop__list_orders",
                "shop__delete_orders",
                "shop__send_email",
                "shop__charge_card",
                "shop__update_config",
                "shop__read_file")),
        names.toString());
    JsonObject listOrders =
        tools.stream()
            .map(JsonValue::asJsonObject)
            .filter(t -> t.getString("name").equals("shop__list_orders"))
            .findFirst()
            .orElseThrow();
    assertEquals(JsonValue.TRUE, listOrders.getJsonObject("annotations").get("readOnlyHint"));
    assertTrue(listOrders.containsKey("inputSchema"));
  }

  @Test
  void toolsCallWhenReadOnlyThenForwardedAndAuditedOnce() throws Exception {
    JsonObject response =
        mcp.callTool("shop__list_orders", Json.createObjectBuilder().add("limit", 5).build());
    JsonObject result = response.getJsonObject("result");
    assertFalse(result.getBoolean("isError", false), response.toString());
    assertEquals(1, decisionRows("shop", "list_orders", "allow"));
  }

  @Test
  void toolsCallWhenDestructiveDeleteThenDeniedAndNothingDeleted() throws Exception {
    long before = orderCount();
    JsonObject response =
        mcp.callTool(
            "shop__delete_orders", Json.createObjectBuilder().add("status", "cancelled").build());
    JsonObject result = response.getJsonObject("result");
    assertTrue(result.getBoolean("isError"), response.toString());
    String text = result.getJsonArray("content").getJsonObject(0).getString("text");
    assertTrue(text.startsWith("Denied by policy rule"), text);
    assertEquals(before, orderCount());
    assertEquals(1, decisionRows("shop", "delete_orders", "deny"));
  }

  @Test
  void toolsCallWhenApprovalRequiredThenHeldAndNothingRunsBeforeApproval() throws Exception {
    long ledgerBefore = Database.count("SELECT COUNT(*) FROM demo_ledger");
    JsonObject response =
        mcp.callTool(
            "shop__charge_card",
            Json.createObjectBuilder()
                .add("card_token", "tok_visa_4242")
                .add("amount", 5000)
                .add("currency", "EUR")
                .build());
    JsonObject result = response.getJsonObject("result");
    assertTrue(result.getBoolean("isError"), response.toString());
    assertTrue(
        result
            .getJsonArray("content")
            .getJsonObject(0)
            .getString("text")
            .contains("Awaiting approval"),
        response.toString());
    assertEquals(ledgerBefore, Database.count("SELECT COUNT(*) FROM demo_ledger"));
    assertEquals(1, decisionRows("shop", "charge_card", "require_approval"));
  }

  @Test
  void toolsCallWhenSmallChargeThenForwardedAndOutcomeAudited() throws Exception {
    long ledgerBefore = Database.count("SELECT COUNT(*) FROM demo_ledger");
    JsonObject response =
        mcp.callTool(
            "shop__charge_card",
            Json.createObjectBuilder()
                .add("card_token", "tok_visa_4242")
                .add("amount", 12.5)
                .add("currency", "EUR")
                .build());
    assertFalse(response.getJsonObject("result").getBoolean("isError", false), response.toString());
    assertEquals(ledgerBefore + 1, Database.count("SELECT COUNT(*) FROM demo_ledger"));
    assertEquals(1, decisionRows("shop", "charge_card", "allow"));
    assertEquals(
        1,
        Database.count(
            "SELECT COUNT(*) FROM audit_log_entry WHERE session_id = ?"
                + " AND event_type = 'tool_call.outcome' AND outcome = 'succeeded'",
            mcp.sessionId().orElseThrow()));
  }

  @Test
  void toolsCallWhenUnknownToolThenOneRejectRow() throws Exception {
    mcp.callTool("shop__no_such_tool", JsonObject.EMPTY_JSON_OBJECT);
    assertEquals(1, decisionRows(null, "shop__no_such_tool", "reject"));
  }

  private long orderCount() throws Exception {
    return Database.count("SELECT COUNT(*) FROM demo_order");
  }

  /** Decision rows of this test's session (each test has its own session). */
  private long decisionRows(String upstream, String tool, String decision) throws Exception {
    return Database.count(
        "SELECT COUNT(*) FROM audit_log_entry WHERE session_id = ?"
            + " AND event_type = 'tool_call.decision' AND tool_name = ? AND decision = ?"
            + (upstream == null
                ? " AND upstream_name IS NULL"
                : " AND upstream_name = '" + upstream + "'"),
        mcp.sessionId().orElseThrow(),
        tool,
        decision);
  }
}
