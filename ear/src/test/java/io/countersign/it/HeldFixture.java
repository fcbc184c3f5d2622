package io.countersign.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A tenant of {@code held-tenant.yaml} for held-call tests: its agent key, the approvers' decision
 * API, the demo upstream's order rows (each test uses years of its own) and the held_call rows and
 * audit entries a test checks.
 */
final class HeldFixture implements AutoCloseable {

  final CibaTenant tenant;
  final String key;
  final ExecutorService pool = Executors.newCachedThreadPool();

  private HeldFixture(CibaTenant tenant, String key) {
    this.tenant = tenant;
    this.key = key;
  }

  static HeldFixture create(String tenantId) throws Exception {
    CibaTenant tenant = CibaTenant.held(tenantId);
    return new HeldFixture(tenant, OperatorApi.issueKey(tenantId, tenantId + "-agent"));
  }

  McpHttp mcp(String version) throws Exception {
    return mcp(ItEnvironment.baseUrl(), version);
  }

  /** An initialized session of the tenant's agent on the node at {@code baseUrl}. */
  McpHttp mcp(String baseUrl, String version) throws Exception {
    McpHttp mcp = new McpHttp(baseUrl, tenant.id, key);
    mcp.initialize(version);
    return mcp;
  }

  HttpResponse<String> approveEdited(String approver, JsonObject request, JsonObject arguments)
      throws Exception {
    return tenant.approvals(
        approver,
        "POST",
        "/" + request.getString("id") + "/decision",
        Json.createObjectBuilder()
            .add("decision", "approve_edited")
            .add("arguments", arguments)
            .build()
            .toString());
  }

  static JsonObject deleteArgs(String status, int beforeYear) {
    return Json.createObjectBuilder()
        .add("status", status)
        .add("created_before", beforeYear + "-01-01T00:00:00Z")
        .build();
  }

  /** The official SDK client calls {@code shop__delete_orders}; completes with its output. */
  CompletableFuture<JsonObject> sdkCall(JsonObject arguments) {
    return peerCall("sdk", "call-tool", arguments);
  }

  /**
   * An official SDK client ({@code sdk}: v1, 2025-11-25; {@code sdk2}: v2, 2026-07-28) runs a
   * command of its CLI on {@code shop__delete_orders}; completes with its output.
   */
  CompletableFuture<JsonObject> peerCall(String client, String command, JsonObject arguments) {
    String url = ItEnvironment.baseUrl() + "/t/" + tenant.id + "/mcp";
    String[] args = {
      command,
      "--name",
      "shop__delete_orders",
      "--args",
      arguments.toString(),
      "--timeout-ms",
      "120000"
    };
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return "sdk2".equals(client)
                ? NodePeers.sdk2Client(url, key, args)
                : NodePeers.sdkClient(url, key, args);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        },
        pool);
  }

  CompletableFuture<JsonObject> rawCall(McpHttp mcp, JsonObject arguments) {
    return CompletableFuture.supplyAsync(() -> callTool(mcp, arguments), pool);
  }

  static JsonObject callTool(McpHttp mcp, JsonObject arguments) {
    try {
      return mcp.callTool("shop__delete_orders", arguments);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  JsonObject awaitInbox(String approver, Predicate<JsonObject> which) throws Exception {
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      JsonArray inbox = tenant.inbox(approver);
      for (JsonValue item : inbox) {
        JsonObject request = item.asJsonObject();
        if (which.test(request)) {
          return request;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no matching request in " + approver + "'s inbox");
  }

  /** The request in the approver's inbox that deletes orders before {@code beforeYear}. */
  JsonObject awaitInbox(String approver, int beforeYear) throws Exception {
    return awaitInbox(approver, r -> r.toString().contains("\"" + beforeYear));
  }

  static void awaitState(String heldCallId, String state) throws Exception {
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      if (count("SELECT COUNT(*) FROM held_call WHERE id = ? AND state = ?", heldCallId, state)
          == 1) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("held call " + heldCallId + " never reached " + state);
  }

  String heldCallId(int beforeYear) throws Exception {
    try (var c = Database.connect();
        var s =
            c.prepareStatement(
                "SELECT id FROM held_call WHERE tenant_id = ? AND arguments LIKE ?")) {
      s.setString(1, tenant.id);
      s.setString(2, "%" + beforeYear + "-01-01%");
      try (var r = s.executeQuery()) {
        assertTrue(r.next(), "no held call for " + beforeYear);
        return r.getString(1);
      }
    }
  }

  List<String> auditTypes(String correlationId) throws Exception {
    List<String> types = new ArrayList<>();
    try (var c = Database.connect();
        var s =
            c.prepareStatement(
                "SELECT event_type FROM audit_log_entry WHERE tenant_id = ?"
                    + " AND correlation_id = ? ORDER BY leaf_index")) {
      s.setString(1, tenant.id);
      s.setString(2, correlationId);
      try (var r = s.executeQuery()) {
        while (r.next()) {
          types.add(r.getString(1));
        }
      }
    }
    return types;
  }

  static long count(String sql, Object... parameters) throws Exception {
    return Database.count(sql, parameters);
  }

  static long orders(int year) throws Exception {
    return count(
        "SELECT COUNT(*) FROM demo_order WHERE created_at >= ? AND created_at < ?",
        OffsetDateTime.parse(year + "-01-01T00:00:00Z"),
        OffsetDateTime.parse((year + 1) + "-01-01T00:00:00Z"));
  }

  static void insertOrders(int year, String status, int n) throws Exception {
    try (var c = Database.connect();
        var s =
            c.prepareStatement(
                "INSERT INTO demo_order (customer, status, total, currency, created_at)"
                    + " VALUES (?, ?, 10.00, 'EUR', ?)")) {
      for (int i = 0; i < n; i++) {
        s.setString(1, "held-test-" + year);
        s.setString(2, status);
        s.setObject(3, OffsetDateTime.parse(year + "-06-01T00:00:00Z").plusDays(i));
        s.executeUpdate();
      }
    }
  }

  static void deleteOrders(int year) throws Exception {
    try (var c = Database.connect();
        var s = c.prepareStatement("DELETE FROM demo_order WHERE customer = ?")) {
      s.setString(1, "held-test-" + year);
      s.executeUpdate();
    }
  }

  /** Sends the call over a plain socket and reads until the stream says the call is held. */
  static Socket openHeldStream(String url, Map<String, String> headers, String call)
      throws Exception {
    URI endpoint = URI.create(url);
    Socket socket = new Socket(endpoint.getHost(), endpoint.getPort());
    byte[] body = call.getBytes(StandardCharsets.UTF_8);
    StringBuilder head =
        new StringBuilder("POST " + endpoint.getPath() + " HTTP/1.1\r\n")
            .append("Host: ")
            .append(endpoint.getHost())
            .append(':')
            .append(endpoint.getPort())
            .append("\r\n");
    for (Map.Entry<String, String> header : headers.entrySet()) {
      head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
    }
    head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
    OutputStream out = socket.getOutputStream();
    out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
    var in =
        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    Instant deadline = Instant.now().plusSeconds(30);
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.contains("held for approval")) {
        return socket;
      }
      if (Instant.now().isAfter(deadline)) {
        break;
      }
    }
    socket.close();
    throw new AssertionError("the call was not held");
  }

  @Override
  public void close() {
    pool.shutdownNow();
    tenant.close();
  }
}
