package io.countersign.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Upstream tasks (MCP 2025-11-25, "Tasks") through Countersign: a task-augmented {@code tools/call}
 * to server-everything's task tool runs to completion under an id of the gateway's, and that id is
 * the agent's alone.
 */
class UpstreamTasksIT {

  private static final String TOOL = "everything__simulate-research-query";

  private static NodePeers.Upstream everything;
  private static String key;
  private static String otherKey;

  @BeforeAll
  static void start() throws Exception {
    everything = NodePeers.Upstream.everything();
    OperatorApi.importBundle(
        "tasks", OperatorApi.bundle("tasks-tenant.yaml", Map.of("EVERYTHING_URL", everything.url)));
    key = OperatorApi.issueKey("tasks", "tasks-agent");
    otherKey = OperatorApi.issueKey("tasks", "tasks-other");
  }

  @AfterAll
  static void stop() throws Exception {
    if (everything != null) {
      everything.close();
    }
  }

  @Test
  void anUpstreamTaskRunsToCompletionUnderTheGatewaysId() throws Exception {
    var mcp = new McpHttp("tasks", key);
    JsonObject initialized = mcp.initialize("2025-11-25");
    assertTrue(
        initialized.getJsonObject("result").getJsonObject("capabilities").containsKey("tasks"),
        initialized.toString());

    String taskId = createTask(mcp, "bees");
    assertTrue(taskId.startsWith("cs-task-"), taskId);
    String upstreamTaskId = upstreamTaskId(taskId);
    assertNotEquals(taskId, upstreamTaskId, "the upstream's id never reaches the agent");

    JsonObject status = null;
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      status = mcp.call("tasks/get", taskParams(taskId)).getJsonObject("result");
      assertEquals(taskId, status.getString("taskId"), status.toString());
      if (List.of("completed", "failed", "cancelled").contains(status.getString("status"))) {
        break;
      }
      Thread.sleep(500);
    }
    assertEquals("completed", status.getString("status"), String.valueOf(status));

    JsonObject result = mcp.call("tasks/result", taskParams(taskId)).getJsonObject("result");
    assertTrue(result.toString().contains("Research Report: bees"), result.toString());
    assertTrue(!result.toString().contains(upstreamTaskId), result.toString());
    assertEquals(
        taskId,
        result
            .getJsonObject("_meta")
            .getJsonObject("io.modelcontextprotocol/related-task")
            .getString("taskId"),
        result.toString());
    assertEquals(
        1,
        Database.count(
            "SELECT COUNT(*) FROM audit_log_entry WHERE tenant_id = 'tasks'"
                + " AND event_type = 'tool_call.decision' AND correlation_id ="
                + " (SELECT call_id FROM mcp_task WHERE id = ?)",
            taskId),
        "the task's call was decided and audited");
  }

  @Test
  void theOfficialV1ClientRunsATaskThroughTheGateway() throws Exception {
    JsonObject out =
        NodePeers.sdkClient(
            ItEnvironment.baseUrl() + "/t/tasks/mcp",
            key,
            "call-tool-task",
            "--name",
            TOOL,
            "--args",
            "{\"topic\":\"tides\"}");
    assertTrue(out.getBoolean("ok"), out.toString());
    String taskId = out.getJsonObject("task").getString("taskId");
    assertTrue(taskId.startsWith("cs-task-"), out.toString());
    assertTrue(
        out.getJsonObject("result").toString().contains("Research Report: tides"), out.toString());
    assertTrue(
        out.getJsonObject("task").getJsonArray("statuses").toString().contains("completed"),
        out.toString());
  }

  @Test
  void anotherAgentsTaskAndAnUnknownIdAreNotFound() throws Exception {
    var owner = new McpHttp("tasks", key);
    owner.initialize("2025-11-25");
    String taskId = createTask(owner, "otters");
    String upstreamTaskId = upstreamTaskId(taskId);

    var other = new McpHttp("tasks", otherKey);
    other.initialize("2025-11-25");
    for (String method : List.of("tasks/get", "tasks/result", "tasks/cancel")) {
      assertNotFound(other.call(method, taskParams(taskId)));
    }
    assertNotFound(owner.call("tasks/get", taskParams("cs-task-" + "A".repeat(43))));
    assertNotFound(owner.call("tasks/get", taskParams(upstreamTaskId)));
    var anotherTenant = new McpHttp("demo", ItEnvironment.demoAgentKey());
    anotherTenant.initialize("2025-11-25");
    assertNotFound(anotherTenant.call("tasks/get", taskParams(taskId)));

    // the research takes four stages of a second each: the task still runs, and its owner cancels
    // it
    JsonObject status = owner.call("tasks/get", taskParams(taskId)).getJsonObject("result");
    assertEquals("working", status.getString("status"), "the other agent's cancel missed it");
    JsonObject cancelled = owner.call("tasks/cancel", taskParams(taskId));
    assertEquals(
        taskId, cancelled.getJsonObject("result").getString("taskId"), cancelled.toString());
    assertEquals(
        "cancelled",
        owner.call("tasks/get", taskParams(taskId)).getJsonObject("result").getString("status"));
  }

  @Test
  void theOfficialV2ClientWithTheTasksExtensionRunsTheSameTaskToCompletion() throws Exception {
    JsonObject out =
        NodePeers.sdk2Client(
            ItEnvironment.baseUrl() + "/t/tasks/mcp",
            key,
            "call-tool-task",
            "--name",
            TOOL,
            "--args",
            "{\"topic\":\"coral\"}");
    assertTrue(out.getBoolean("ok"), out.toString());
    JsonObject task = out.getJsonObject("task");
    assertEquals("task", task.getString("kind"), out.toString());
    assertTrue(task.getString("taskId").startsWith("cs-task-"), out.toString());
    assertTrue(
        out.getJsonObject("result").toString().contains("Research Report: coral"), out.toString());
  }

  @Test
  void aModernClientMustDeclareTheExtensionAndSeesOnlyItsOwnTasks() throws Exception {
    var owner = new McpHttp("tasks", key);
    owner.initialize("2025-11-25");
    String legacyTask = createTask(owner, "moss");

    JsonObject undeclared =
        modern(
            key,
            "tools/call",
            TOOL,
            Json.createObjectBuilder()
                .add("name", TOOL)
                .add("arguments", Json.createObjectBuilder().add("topic", "moss")),
            false);
    assertEquals(-32021, undeclared.getJsonObject("error").getInt("code"), undeclared.toString());

    JsonObject created =
        modern(
            key,
            "tools/call",
            TOOL,
            Json.createObjectBuilder()
                .add("name", TOOL)
                .add("arguments", Json.createObjectBuilder().add("topic", "moss")),
            true);
    JsonObject task = created.getJsonObject("result");
    assertEquals("task", task.getString("resultType"), created.toString());
    String taskId = task.getString("taskId");
    assertTrue(taskId.startsWith("cs-task-") && task.containsKey("ttlMs"), created.toString());

    JsonObject got = modern(key, "tasks/get", taskId, taskParams(taskId), true);
    assertEquals("complete", got.getJsonObject("result").getString("resultType"), got.toString());
    assertEquals(taskId, got.getJsonObject("result").getString("taskId"), got.toString());

    JsonObject notDeclared = modern(key, "tasks/get", taskId, taskParams(taskId), false);
    assertEquals(-32021, notDeclared.getJsonObject("error").getInt("code"), notDeclared.toString());
    assertNotFound(modern(otherKey, "tasks/get", taskId, taskParams(taskId), true));
    assertNotFound(modern(otherKey, "tasks/cancel", taskId, taskParams(taskId), true));
    // the same agent's task of the other era is its own too
    assertEquals(
        legacyTask,
        modern(key, "tasks/get", legacyTask, taskParams(legacyTask), true)
            .getJsonObject("result")
            .getString("taskId"));

    JsonObject cancelled = modern(key, "tasks/cancel", taskId, taskParams(taskId), true);
    assertEquals("complete", cancelled.getJsonObject("result").getString("resultType"));
    assertEquals(
        "cancelled",
        modern(key, "tasks/get", taskId, taskParams(taskId), true)
            .getJsonObject("result")
            .getString("status"));
  }

  // --- helpers

  /** A 2026-07-28 request, declaring the tasks extension or not. */
  private static JsonObject modern(
      String bearer,
      String method,
      String name,
      jakarta.json.JsonObjectBuilder params,
      boolean declareTasks)
      throws Exception {
    return modern(bearer, method, name, params.build(), declareTasks);
  }

  private static JsonObject modern(
      String bearer, String method, String name, JsonObject params, boolean declareTasks)
      throws Exception {
    var capabilities = Json.createObjectBuilder();
    if (declareTasks) {
      capabilities.add(
          "extensions",
          Json.createObjectBuilder()
              .add("io.modelcontextprotocol/tasks", jakarta.json.JsonValue.EMPTY_JSON_OBJECT));
    }
    JsonObject body =
        Json.createObjectBuilder()
            .add("jsonrpc", "2.0")
            .add("id", 1)
            .add("method", method)
            .add(
                "params",
                Json.createObjectBuilder(params)
                    .add(
                        "_meta",
                        Json.createObjectBuilder()
                            .add("io.modelcontextprotocol/protocolVersion", "2026-07-28")
                            .add(
                                "io.modelcontextprotocol/clientInfo",
                                Json.createObjectBuilder().add("name", "it").add("version", "1"))
                            .add("io.modelcontextprotocol/clientCapabilities", capabilities)))
            .build();
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("Accept", McpHttp.ACCEPT_BOTH);
    headers.put("Authorization", "Bearer " + bearer);
    headers.put("MCP-Protocol-Version", "2026-07-28");
    headers.put("Mcp-Method", method);
    headers.put("Mcp-Name", name);
    var response = new McpHttp("tasks", bearer).post(body.toString(), headers);
    JsonObject message = McpHttp.message(response);
    boolean missingCapability =
        message.containsKey("error") && message.getJsonObject("error").getInt("code") == -32021;
    // 2026-07-28, "Error Codes": a missing client capability is HTTP 400
    assertEquals(missingCapability ? 400 : 200, response.statusCode(), response.body());
    return message;
  }

  private static String createTask(McpHttp mcp, String topic) throws Exception {
    JsonObject created =
        mcp.call(
            "tools/call",
            Json.createObjectBuilder()
                .add("name", TOOL)
                .add("arguments", Json.createObjectBuilder().add("topic", topic))
                .add("task", Json.createObjectBuilder().add("ttl", 60000))
                .build());
    return created.getJsonObject("result").getJsonObject("task").getString("taskId");
  }

  private static String upstreamTaskId(String taskId) throws Exception {
    try (var c = Database.connect();
        var s = c.prepareStatement("SELECT upstream_task_id FROM mcp_task WHERE id = ?")) {
      s.setString(1, taskId);
      try (var r = s.executeQuery()) {
        assertTrue(r.next(), "the task is stored");
        return r.getString(1);
      }
    }
  }

  private static JsonObject taskParams(String taskId) {
    return Json.createObjectBuilder().add("taskId", taskId).build();
  }

  private static void assertNotFound(JsonObject response) {
    JsonObject error = response.getJsonObject("error");
    assertEquals(-32602, error.getInt("code"), response.toString());
    assertTrue(error.getString("message").contains("no task"), response.toString());
  }
}
