package io.countersign.it;

import static io.countersign.it.HeldFixture.count;
import static io.countersign.it.HeldFixture.deleteArgs;
import static io.countersign.it.HeldFixture.deleteOrders;
import static io.countersign.it.HeldFixture.insertOrders;
import static io.countersign.it.HeldFixture.orders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.sql.DriverManager;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * A gateway tenant whose approvers are asked by an external CIBA provider: a second Countersign
 * deployment (its own server, PostgreSQL database and secret key) whose tenant of the same id has
 * the approvers and the gateway's OAuth clients. The server under test knows it only by the {@code
 * approvalProvider} of the gateway tenant's bundle, as it would know any other provider. Each test
 * imports the declaration it needs first, which also shows that a changed declaration takes effect
 * without a restart.
 */
@EnabledIf("io.countersign.it.ItEnvironment#onPostgres")
class ExternalProviderIT {

  private static final String TENANT = "ext-gateway";

  private static final ExecutorService POOL = Executors.newCachedThreadPool();

  private static String database;
  private static String databaseUrl;
  private static SecondNode deployment;
  private static ExternalApprovals approvals;
  private static String agentKey;

  @BeforeAll
  static void start() throws Exception {
    database = "countersign_ext_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    admin("CREATE DATABASE " + database);
    databaseUrl = ItEnvironment.jdbcUrl().replaceFirst("/[^/?]+(\\?.*)?$", "/" + database);
    deployment =
        SecondNode.startDeployment(
            "countersign-approvals",
            databaseUrl,
            Map.of("countersign.demo.enabled", "false", "countersign.ciba.poll-interval", "PT1S"));
    approvals =
        ExternalApprovals.create(
            deployment.baseUrl,
            TENANT,
            ItEnvironment.baseUrl() + "/t/" + TENANT + "/gateway/ciba-callback");
    declare(approvals.issuer(), "gateway-ping", approvals.secrets.get("gateway-ping"), "ping");
    agentKey = OperatorApi.issueKey(TENANT, TENANT + "-agent");
  }

  @AfterAll
  static void stop() throws Exception {
    POOL.shutdownNow();
    if (deployment != null) {
      deployment.close();
    }
    if (database != null) {
      admin("DROP DATABASE IF EXISTS " + database);
    }
  }

  @Test
  void approvedAtTheExternalProviderThenForwardedOnceAndTheResultReturned() throws Exception {
    declare(approvals.issuer(), "gateway-ping", approvals.secrets.get("gateway-ping"), "ping");
    int year = 1981;
    insertOrders(year, "paid", 3);
    try {
      CompletableFuture<JsonObject> call = call(deleteArgs("paid", year + 1));
      JsonObject request = approvals.awaitInbox("alice", year + 1);
      assertEquals("gateway-ping", request.getString("client_id"), "asked by the gateway's client");

      assertEquals(200, approvals.approve("alice", request).statusCode());

      JsonObject result = call.get(60, TimeUnit.SECONDS).getJsonObject("result");
      assertFalse(result.getBoolean("isError", false), result.toString());
      assertTrue(
          result.toString().contains("deleted: 3"), "pinged within the hold time: " + result);
      assertEquals(0, orders(year));
      String id = heldCallId(year + 1);
      assertEquals(
          1, count("SELECT COUNT(*) FROM held_call WHERE id = ? AND state = 'COMPLETED'", id));
      assertEquals(
          1,
          count(
              "SELECT COUNT(*) FROM audit_log_entry WHERE correlation_id = ?"
                  + " AND event_type = 'tool_call.forwarded'",
              id),
          "forwarded once");
      assertEquals(
          1,
          externalCount(
              "SELECT COUNT(*) FROM audit_log_entry WHERE tenant_id = ? AND correlation_id = ?"
                  + " AND event_type = 'approval.redeemed'",
              request.getString("id")),
          "the external deployment issued one token for this request");
    } finally {
      deleteOrders(year);
    }
  }

  @Test
  void rejectedAtTheExternalProviderThenTheReasonIsReturnedAndNothingRuns() throws Exception {
    declare(approvals.issuer(), "gateway-ping", approvals.secrets.get("gateway-ping"), "ping");
    int year = 1982;
    insertOrders(year, "paid", 2);
    try {
      CompletableFuture<JsonObject> call = call(deleteArgs("paid", year + 1));
      JsonObject request = approvals.awaitInbox("bob", year + 1);

      assertEquals(200, approvals.reject("bob", request, "not during the freeze").statusCode());

      JsonObject result = call.get(60, TimeUnit.SECONDS).getJsonObject("result");
      assertTrue(result.getBoolean("isError", false), result.toString());
      assertTrue(result.toString().contains("not during the freeze"), result.toString());
      assertTrue(result.toString().contains("Nothing was executed"), result.toString());
      assertEquals(2, orders(year));
      assertEquals(
          1,
          count(
              "SELECT COUNT(*) FROM held_call WHERE id = ? AND state = 'REJECTED'",
              heldCallId(year + 1)));
    } finally {
      deleteOrders(year);
    }
  }

  @Test
  void pollModeThenTheGatewayPollsAndTheApprovedCallRuns() throws Exception {
    declare(approvals.issuer(), "gateway-poll", approvals.secrets.get("gateway-poll"), "poll");
    int year = 1983;
    insertOrders(year, "paid", 1);
    try {
      CompletableFuture<JsonObject> call = call(deleteArgs("paid", year + 1));
      JsonObject request = approvals.awaitInbox("alice", year + 1);

      assertEquals(200, approvals.approve("alice", request).statusCode());

      JsonObject result = call.get(60, TimeUnit.SECONDS).getJsonObject("result");
      assertFalse(result.getBoolean("isError", false), result.toString());
      assertTrue(result.toString().contains("deleted: 1"), result.toString());
      assertEquals(0, orders(year));
    } finally {
      deleteOrders(year);
    }
  }

  @Test
  void wrongClientSecretThenTheCallFailsClosedWithTheProvidersAnswer() throws Exception {
    String wrong = "not-the-secret-" + UUID.randomUUID();
    var imported =
        OperatorApi.putBundle(
            TENANT,
            gatewayBundle(approvals.issuer(), "gateway-ping", wrong, "ping"),
            ItEnvironment.operatorToken());
    assertEquals(200, imported.statusCode(), imported.body());
    assertFalse(imported.body().contains(wrong), "the import's answer never shows the secret");
    int year = 1984;
    insertOrders(year, "paid", 2);
    try {
      JsonObject result =
          call(deleteArgs("paid", year + 1)).get(60, TimeUnit.SECONDS).getJsonObject("result");

      assertTrue(result.getBoolean("isError", false), result.toString());
      assertTrue(result.toString().contains("invalid_client"), result.toString());
      assertTrue(result.toString().contains("Nothing was executed"), result.toString());
      assertFalse(result.toString().contains(wrong), "the secret is never shown");
      assertEquals(2, orders(year));
      assertEquals(
          1,
          count(
              "SELECT COUNT(*) FROM held_call WHERE id = ? AND state = 'FAILED'",
              heldCallId(year + 1)));
    } finally {
      deleteOrders(year);
    }
  }

  @Test
  void discoveryNamingAnotherIssuerThenTheCallFailsClosed() throws Exception {
    // the classic misconfiguration: a trailing slash. Discovery finds the document at the same
    // address, but its issuer is not the configured one, so nothing it signs can be trusted as
    // coming from the configured issuer (OpenID Connect Discovery 1.0, section 4.3).
    declare(
        approvals.issuer() + "/", "gateway-ping", approvals.secrets.get("gateway-ping"), "ping");
    int year = 1985;
    insertOrders(year, "paid", 2);
    try {
      JsonObject result =
          call(deleteArgs("paid", year + 1)).get(60, TimeUnit.SECONDS).getJsonObject("result");

      assertTrue(result.getBoolean("isError", false), result.toString());
      assertTrue(
          result.toString().contains("names the issuer '" + approvals.issuer() + "'"),
          result.toString());
      assertTrue(result.toString().contains("Nothing was executed"), result.toString());
      assertEquals(2, orders(year));
      assertEquals(
          1,
          count(
              "SELECT COUNT(*) FROM held_call WHERE id = ? AND state = 'FAILED'",
              heldCallId(year + 1)));
    } finally {
      deleteOrders(year);
    }
  }

  // --- plumbing

  /** Imports the gateway tenant with this approval provider at the server under test. */
  private static void declare(String issuer, String clientId, String secret, String mode)
      throws Exception {
    OperatorApi.importBundle(TENANT, gatewayBundle(issuer, clientId, secret, mode));
  }

  private static String gatewayBundle(String issuer, String clientId, String secret, String mode)
      throws Exception {
    return OperatorApi.bundle(
        "external-gateway-tenant.yaml",
        Map.of(
            "TENANT", TENANT,
            "SHOP_URL", OperatorApi.shopUrl(),
            "ISSUER", issuer,
            "CLIENT_ID", clientId,
            "CLIENT_SECRET", secret,
            "DELIVERY_MODE", mode));
  }

  /** The agent calls {@code shop__delete_orders} in a session of its own. */
  private static CompletableFuture<JsonObject> call(JsonObject arguments) throws Exception {
    McpHttp mcp = new McpHttp(ItEnvironment.baseUrl(), TENANT, agentKey);
    mcp.initialize("2025-11-25");
    return CompletableFuture.supplyAsync(() -> HeldFixture.callTool(mcp, arguments), POOL);
  }

  private static String heldCallId(int beforeYear) throws Exception {
    try (var c = Database.connect();
        var s =
            c.prepareStatement(
                "SELECT id FROM held_call WHERE tenant_id = ? AND arguments LIKE ?")) {
      s.setString(1, TENANT);
      s.setString(2, "%" + beforeYear + "-01-01%");
      try (var r = s.executeQuery()) {
        assertTrue(r.next(), "no held call for " + beforeYear);
        return r.getString(1);
      }
    }
  }

  private static long externalCount(String sql, String correlationId) throws Exception {
    try (var c =
            DriverManager.getConnection(
                databaseUrl, ItEnvironment.jdbcUser(), ItEnvironment.jdbcPassword());
        var s = c.prepareStatement(sql)) {
      s.setString(1, TENANT);
      s.setString(2, correlationId);
      try (var r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  private static void admin(String sql) throws Exception {
    String url = ItEnvironment.jdbcUrl().replaceFirst("/[^/?]+(\\?.*)?$", "/postgres");
    try (var c =
            DriverManager.getConnection(
                url, ItEnvironment.jdbcUser(), ItEnvironment.jdbcPassword());
        var s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
