package io.countersign.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A request for tenant A can never read or change tenant B's data. */
class TenantIsolationIT {

  private static String acmeKey;

  @BeforeAll
  static void acmeTenant() throws Exception {
    OperatorApi.importBundle(
        "acme", OperatorApi.bundle("acme-tenant.yaml", Map.of("SHOP_URL", OperatorApi.shopUrl())));
    acmeKey = OperatorApi.issueKey("acme", "acme-agent");
  }

  @Test
  void keyOfTenantAWhenUsedOnTenantBThenUnauthorized() throws Exception {
    var acmeOnDemo = new McpHttp("demo", acmeKey);
    assertEquals(401, acmeOnDemo.post(initialize(), acmeOnDemo.standardHeaders()).statusCode());
    var demoOnAcme = new McpHttp("acme", ItEnvironment.demoAgentKey());
    assertEquals(401, demoOnAcme.post(initialize(), demoOnAcme.standardHeaders()).statusCode());
  }

  @Test
  void sessionOfTenantAWhenPresentedOnTenantBThenNotFound() throws Exception {
    var demo = new McpHttp("demo", ItEnvironment.demoAgentKey());
    demo.initialize("2025-11-25");
    var acme = new McpHttp("acme", acmeKey);
    var headers = new java.util.LinkedHashMap<>(acme.standardHeaders());
    headers.put("Mcp-Session-Id", demo.sessionId().orElseThrow());
    var response = acme.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}", headers);
    assertEquals(404, response.statusCode());
  }

  @Test
  void auditRowsWhenTenantCallsThenOnlyItsOwnTenantId() throws Exception {
    var acme = new McpHttp("acme", acmeKey);
    acme.initialize("2025-11-25");
    JsonObject response = acme.callTool("shop__list_orders", JsonObject.EMPTY_JSON_OBJECT);
    assertFalse(response.getJsonObject("result").getBoolean("isError", false));
    String session = acme.sessionId().orElseThrow();
    assertEquals(
        0,
        Database.count(
            "SELECT COUNT(*) FROM audit_log_entry WHERE session_id = ? AND tenant_id <> 'acme'",
            session));
    assertEquals(
        1,
        Database.count(
            "SELECT COUNT(*) FROM audit_log_entry WHERE session_id = ?"
                + " AND tenant_id = 'acme' AND event_type = 'tool_call.decision'",
            session));
  }

  @Test
  void bundleWhenTenantIdDiffersFromPathThenRefusedAndDemoUnchanged() throws Exception {
    long demoUpstreams = Database.count("SELECT COUNT(*) FROM upstream WHERE tenant_id = 'demo'");
    String acmeBundle =
        OperatorApi.bundle("acme-tenant.yaml", Map.of("SHOP_URL", OperatorApi.shopUrl()));
    var response = OperatorApi.putBundle("demo", acmeBundle, ItEnvironment.operatorToken());
    assertEquals(400, response.statusCode(), response.body());
    assertEquals(
        demoUpstreams, Database.count("SELECT COUNT(*) FROM upstream WHERE tenant_id = 'demo'"));
  }

  @Test
  void bundleWhenInvalidThenRefusedWithFieldAndLineAndNothingImported() throws Exception {
    String broken =
        OperatorApi.bundle("acme-tenant.yaml", Map.of("SHOP_URL", OperatorApi.shopUrl()))
            .replace("id: acme", "id: broken")
            .replace(
                "rules: []",
                "rules:\n    - name: typo\n      when: tols.name == 'x'\n" + "      action: allow");
    var response = OperatorApi.putBundle("broken", broken, ItEnvironment.operatorToken());
    assertEquals(422, response.statusCode(), response.body());
    assertTrue(response.body().contains("policy.rules[0].when"), response.body());
    assertTrue(response.body().contains("\"line\""), response.body());
    assertEquals(0, Database.count("SELECT COUNT(*) FROM tenant WHERE id = 'broken'"));
  }

  @Test
  void bundleWhenOperatorTokenWrongThenRefused() throws Exception {
    var response = OperatorApi.putBundle("acme", "tenant: {}", "wrong-token");
    assertTrue(
        response.statusCode() == 401 || response.statusCode() == 403,
        "status " + response.statusCode());
  }

  private static String initialize() {
    return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
        + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
        + "\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}";
  }
}
