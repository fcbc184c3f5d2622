package io.countersign.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Raw 2026-07-28 requests and task requests of both eras, for the tests. */
final class TaskCalls {

  private TaskCalls() {}

  /** A 2026-07-28 request to the tenant, declaring the tasks extension or not. */
  static JsonObject modern(
      String tenant,
      String bearer,
      String method,
      String name,
      JsonObjectBuilder params,
      boolean declareTasks)
      throws Exception {
    return modern(tenant, bearer, method, name, params.build(), declareTasks);
  }

  static JsonObject modern(
      String tenant,
      String bearer,
      String method,
      String name,
      JsonObject params,
      boolean declareTasks)
      throws Exception {
    var capabilities = Json.createObjectBuilder();
    if (declareTasks) {
      capabilities.add(
          "extensions",
          Json.createObjectBuilder()
              .add("io.modelcontextprotocol/tasks", JsonValue.EMPTY_JSON_OBJECT));
    }
    return modern(tenant, bearer, method, name, params, capabilities.build());
  }

  /** A 2026-07-28 request to the tenant from a client with these capabilities. */
  static JsonObject modern(
      String tenant,
      String bearer,
      String method,
      String name,
      JsonObject params,
      JsonObject capabilities)
      throws Exception {
    JsonObject body =
        Json.createObjectBuilder()
            .add("jsonrpc", "2.0")
            .add("id", 1)
            .add("method", method)
            .add("params", Json.createObjectBuilder(params).add("_meta", meta(capabilities)))
            .build();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("Accept", McpHttp.ACCEPT_BOTH);
    headers.put("Authorization", "Bearer " + bearer);
    headers.put("MCP-Protocol-Version", "2026-07-28");
    headers.put("Mcp-Method", method);
    headers.put("Mcp-Name", name);
    var response = new McpHttp(tenant, bearer).post(body.toString(), headers);
    JsonObject message = McpHttp.message(response);
    boolean missingCapability =
        message.containsKey("error") && message.getJsonObject("error").getInt("code") == -32021;
    // 2026-07-28, "Error Codes": a missing client capability is HTTP 400
    assertEquals(missingCapability ? 400 : 200, response.statusCode(), response.body());
    return message;
  }

  /** The {@code _meta} every 2026-07-28 request of the tests carries. */
  static JsonObject meta(JsonObject capabilities) {
    return Json.createObjectBuilder()
        .add("io.modelcontextprotocol/protocolVersion", "2026-07-28")
        .add(
            "io.modelcontextprotocol/clientInfo",
            Json.createObjectBuilder().add("name", "it").add("version", "1"))
        .add("io.modelcontextprotocol/clientCapabilities", capabilities)
        .build();
  }

  /** A 2026-07-28 {@code tools/call} that its server answers with a task; the created task. */
  static JsonObject modernTask(String tenant, String bearer, String tool, JsonObject arguments)
      throws Exception {
    JsonObject created =
        modern(
            tenant,
            bearer,
            "tools/call",
            tool,
            Json.createObjectBuilder().add("name", tool).add("arguments", arguments),
            true);
    JsonObject result = created.getJsonObject("result");
    assertEquals("task", result.getString("resultType"), created.toString());
    return result;
  }

  static JsonObject taskParams(String taskId) {
    return Json.createObjectBuilder().add("taskId", taskId).build();
  }

  /** Polls 2025-11-25 {@code tasks/get} until the task's status is one of {@code statuses}. */
  static JsonObject awaitStatus(McpHttp mcp, String taskId, List<String> statuses, int seconds)
      throws Exception {
    JsonObject status = null;
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      status = mcp.call("tasks/get", taskParams(taskId)).getJsonObject("result");
      assertEquals(taskId, status.getString("taskId"), status.toString());
      if (statuses.contains(status.getString("status"))) {
        return status;
      }
      Thread.sleep(300);
    }
    throw new AssertionError("task " + taskId + " never reached " + statuses + ": " + status);
  }

  /** The upstream's own id of the agent's task, as the gateway stored it. */
  static String upstreamTaskId(String taskId) throws Exception {
    try (var c = Database.connect();
        var s = c.prepareStatement("SELECT upstream_task_id FROM mcp_task WHERE id = ?")) {
      s.setString(1, taskId);
      try (var r = s.executeQuery()) {
        assertTrue(r.next(), "the task is stored");
        return r.getString(1);
      }
    }
  }

  /** The answer to a request about a task that is not the agent's: -32602, "no task". */
  static void assertNoTask(JsonObject response) {
    JsonObject error = response.getJsonObject("error");
    assertEquals(-32602, error.getInt("code"), response.toString());
    assertTrue(error.getString("message").contains("no task"), response.toString());
  }

  /** How many audit entries of this type the call behind the tenant's task has. */
  static long audited(String tenant, String taskId, String eventType) throws Exception {
    return Database.count(
        "SELECT COUNT(*) FROM audit_log_entry WHERE tenant_id = ? AND event_type = ?"
            + " AND correlation_id = (SELECT call_id FROM mcp_task WHERE id = ?)",
        tenant,
        eventType,
        taskId);
  }

  /** How many outcome entries with this outcome the call behind the tenant's task has. */
  static long outcomes(String tenant, String taskId, String outcome) throws Exception {
    return Database.count(
        "SELECT COUNT(*) FROM audit_log_entry WHERE tenant_id = ?"
            + " AND event_type = 'tool_call.outcome' AND outcome = ?"
            + " AND correlation_id = (SELECT call_id FROM mcp_task WHERE id = ?)",
        tenant,
        outcome,
        taskId);
  }

  /** When the outcome of the call behind the tenant's task was audited. */
  static Instant outcomeTime(String tenant, String taskId) throws Exception {
    try (var c = Database.connect();
        var s =
            c.prepareStatement(
                "SELECT occurred_at FROM audit_log_entry WHERE tenant_id = ?"
                    + " AND event_type = 'tool_call.outcome'"
                    + " AND correlation_id = (SELECT call_id FROM mcp_task WHERE id = ?)")) {
      s.setString(1, tenant);
      s.setString(2, taskId);
      try (var r = s.executeQuery()) {
        assertTrue(r.next(), "the outcome is audited");
        return r.getObject(1, OffsetDateTime.class).toInstant();
      }
    }
  }
}
