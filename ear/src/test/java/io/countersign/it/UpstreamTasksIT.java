package io.countersign.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Upstream tasks (MCP 2025-11-25, "Tasks") through Countersign: a task-augmented {@code tools/call}
 * to server-everything's task tool runs to completion under an id of the gateway's, and that id is
 * the agent's alone. The call's outcome is audited once, when the gateway first sees its task
 * ended, with how it ended (a task of task-upstream.mjs fails with a tool error).
 */
class UpstreamTasksIT {

  private static final String TOOL = "everything__simulate-research-query";
  private static final String FAILING = "checks__failing_check";

  private static NodePeers.Upstream everything;
  private static NodePeers.Upstream checks;
  private static String key;
  private static String otherKey;

  @BeforeAll
  static void start() throws Exception {
    everything = NodePeers.Upstream.everything();
    checks = NodePeers.Upstream.tasks();
    OperatorApi.importBundle(
        "tasks",
        OperatorApi.bundle(
            "tasks-tenant.yaml",
            Map.of("EVERYTHING_URL", everything.url, "CHECKS_URL", checks.url)));
    key = OperatorApi.issueKey("tasks", "tasks-agent");
    otherKey = OperatorApi.issueKey("tasks", "tasks-other");
  }

  @AfterAll
  static void stop() throws Exception {
    if (everything != null) {
      everything.close();
    }
    if (checks != null) {
      checks.close();
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
    String upstreamTaskId = TaskCalls.upstreamTaskId(taskId);
    assertNotEquals(taskId, upstreamTaskId, "the upstream's id never reaches the agent");

    JsonObject status =
        TaskCalls.awaitStatus(mcp, taskId, List.of("completed", "failed", "cancelled"), 30);
    assertEquals("completed", status.getString("status"), String.valueOf(status));

    JsonObject result =
        mcp.call("tasks/result", TaskCalls.taskParams(taskId)).getJsonObject("result");
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
        1, audited(taskId, "tool_call.decision"), "the task's call was decided and audited");
  }

  @Test
  void theOfficialV1ClientRunsATaskThroughTheGateway() throws Exception {
    JsonObject out = v1Task(TOOL, "{\"topic\":\"tides\"}");
    assertTrue(out.getBoolean("ok"), out.toString());
    String taskId = out.getJsonObject("task").getString("taskId");
    assertTrue(taskId.startsWith("cs-task-"), out.toString());
    assertTrue(
        out.getJsonObject("result").toString().contains("Research Report: tides"), out.toString());
    assertTrue(
        out.getJsonObject("task").getJsonArray("statuses").toString().contains("completed"),
        out.toString());
    assertOneOutcome(taskId, "succeeded");
  }

  @Test
  void anotherAgentsTaskAndAnUnknownIdAreNotFound() throws Exception {
    var owner = new McpHttp("tasks", key);
    owner.initialize("2025-11-25");
    String taskId = createTask(owner, "otters");
    String upstreamTaskId = TaskCalls.upstreamTaskId(taskId);

    var other = new McpHttp("tasks", otherKey);
    other.initialize("2025-11-25");
    for (String method : List.of("tasks/get", "tasks/result", "tasks/cancel")) {
      TaskCalls.assertNoTask(other.call(method, TaskCalls.taskParams(taskId)));
    }
    TaskCalls.assertNoTask(
        owner.call("tasks/get", TaskCalls.taskParams("cs-task-" + "A".repeat(43))));
    TaskCalls.assertNoTask(owner.call("tasks/get", TaskCalls.taskParams(upstreamTaskId)));
    var anotherTenant = new McpHttp("demo", ItEnvironment.demoAgentKey());
    anotherTenant.initialize("2025-11-25");
    TaskCalls.assertNoTask(anotherTenant.call("tasks/get", TaskCalls.taskParams(taskId)));

    // the research takes four stages of a second each: the task still runs, and its owner cancels
    // it
    JsonObject status =
        owner.call("tasks/get", TaskCalls.taskParams(taskId)).getJsonObject("result");
    assertEquals("working", status.getString("status"), "the other agent's cancel missed it");
    assertEquals(0, outcomes(taskId), "a running task has no outcome yet");
    JsonObject cancelled = owner.call("tasks/cancel", TaskCalls.taskParams(taskId));
    assertEquals(
        taskId, cancelled.getJsonObject("result").getString("taskId"), cancelled.toString());
    assertOneOutcome(taskId, "cancelled"); // the cancel the upstream confirmed
    assertEquals(
        "cancelled",
        owner
            .call("tasks/get", TaskCalls.taskParams(taskId))
            .getJsonObject("result")
            .getString("status"));
    assertOneOutcome(taskId, "cancelled");
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
    String taskId = task.getString("taskId");
    assertOneOutcome(taskId, "succeeded");
  }

  @Test
  void aModernClientMustDeclareTheExtensionAndSeesOnlyItsOwnTasks() throws Exception {
    var owner = new McpHttp("tasks", key);
    owner.initialize("2025-11-25");
    String legacyTask = createTask(owner, "moss");

    JsonObject undeclared =
        TaskCalls.modern(
            "tasks",
            key,
            "tools/call",
            TOOL,
            Json.createObjectBuilder()
                .add("name", TOOL)
                .add("arguments", Json.createObjectBuilder().add("topic", "moss")),
            false);
    assertEquals(-32021, undeclared.getJsonObject("error").getInt("code"), undeclared.toString());

    JsonObject created =
        TaskCalls.modern(
            "tasks",
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

    JsonObject got =
        TaskCalls.modern("tasks", key, "tasks/get", taskId, TaskCalls.taskParams(taskId), true);
    assertEquals("complete", got.getJsonObject("result").getString("resultType"), got.toString());
    assertEquals(taskId, got.getJsonObject("result").getString("taskId"), got.toString());

    JsonObject notDeclared =
        TaskCalls.modern("tasks", key, "tasks/get", taskId, TaskCalls.taskParams(taskId), false);
    assertEquals(-32021, notDeclared.getJsonObject("error").getInt("code"), notDeclared.toString());
    TaskCalls.assertNoTask(
        TaskCalls.modern(
            "tasks", otherKey, "tasks/get", taskId, TaskCalls.taskParams(taskId), true));
    TaskCalls.assertNoTask(
        TaskCalls.modern(
            "tasks", otherKey, "tasks/cancel", taskId, TaskCalls.taskParams(taskId), true));
    // the same agent's task of the other era is its own too
    assertEquals(
        legacyTask,
        TaskCalls.modern(
                "tasks", key, "tasks/get", legacyTask, TaskCalls.taskParams(legacyTask), true)
            .getJsonObject("result")
            .getString("taskId"));

    JsonObject cancelled =
        TaskCalls.modern("tasks", key, "tasks/cancel", taskId, TaskCalls.taskParams(taskId), true);
    assertEquals("complete", cancelled.getJsonObject("result").getString("resultType"));
    assertEquals(
        "cancelled",
        TaskCalls.modern("tasks", key, "tasks/get", taskId, TaskCalls.taskParams(taskId), true)
            .getJsonObject("result")
            .getString("status"));
    assertOneOutcome(taskId, "cancelled");
  }

  @Test
  void aTasksOutcomeIsAuditedOnceAfterItEndedNotWhenItWasCreated() throws Exception {
    var mcp = new McpHttp("tasks", key);
    mcp.initialize("2025-11-25");
    String taskId = createTask(mcp, "lichen");
    assertEquals(1, audited(taskId, "tool_call.decision"), "the call was decided");
    assertEquals(0, outcomes(taskId), "a created task is no outcome: it has only started");

    Instant lastSeenWorking = Instant.now();
    JsonObject status = null;
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      Instant asked = Instant.now();
      status = mcp.call("tasks/get", TaskCalls.taskParams(taskId)).getJsonObject("result");
      if (!"working".equals(status.getString("status"))) {
        break;
      }
      lastSeenWorking = asked;
      assertEquals(0, outcomes(taskId), "a working task has no outcome");
      Thread.sleep(300);
    }
    assertEquals("completed", status.getString("status"), String.valueOf(status));
    assertOneOutcome(taskId, "succeeded");
    assertTrue(
        TaskCalls.outcomeTime("tasks", taskId).isAfter(lastSeenWorking),
        "the outcome was written after the task was last seen working");

    // asked again after its end, in both eras, the task is not audited again
    for (int i = 0; i < 3; i++) {
      assertEquals(
          "completed",
          mcp.call("tasks/get", TaskCalls.taskParams(taskId))
              .getJsonObject("result")
              .getString("status"));
    }
    mcp.call("tasks/result", TaskCalls.taskParams(taskId));
    TaskCalls.modern("tasks", key, "tasks/get", taskId, TaskCalls.taskParams(taskId), true);
    assertOneOutcome(taskId, "succeeded");
  }

  @Test
  void aTasksResultAskedBeforeAnyTasksGetAuditsTheEnd() throws Exception {
    var mcp = new McpHttp("tasks", key);
    mcp.initialize("2025-11-25");
    String taskId = createTask(mcp, "ferns");
    // tasks/result blocks until the task is terminal ("Result Retrieval")
    JsonObject result =
        mcp.call("tasks/result", TaskCalls.taskParams(taskId)).getJsonObject("result");
    assertTrue(result.toString().contains("Research Report: ferns"), result.toString());
    assertOneOutcome(taskId, "succeeded"); // the result, before any tasks/get
    mcp.call("tasks/get", TaskCalls.taskParams(taskId));
    assertOneOutcome(taskId, "succeeded");
  }

  @Test
  void aTaskThatFailsWithAToolErrorIsAuditedAsAToolError() throws Exception {
    JsonObject out = v1Task(FAILING, "{\"label\":\"gauges\"}");
    // the SDK's callToolStream ends a failed task with an error of its own
    assertFalse(out.getBoolean("ok"), out.toString());
    String taskId = out.getJsonObject("task").getString("taskId");
    assertTrue(taskId.startsWith("cs-task-"), out.toString());
    assertTrue(
        out.getJsonObject("task").getJsonArray("statuses").toString().contains("failed"),
        out.toString());
    assertOneOutcome(taskId, "tool_error");
  }

  // --- helpers

  private static long audited(String taskId, String eventType) throws Exception {
    return TaskCalls.audited("tasks", taskId, eventType);
  }

  private static long outcomes(String taskId) throws Exception {
    return audited(taskId, "tool_call.outcome");
  }

  private static long outcomes(String taskId, String outcome) throws Exception {
    return TaskCalls.outcomes("tasks", taskId, outcome);
  }

  /** The call behind the task has exactly one outcome entry, and it is {@code outcome}. */
  private static void assertOneOutcome(String taskId, String outcome) throws Exception {
    // the gateway audits the end after relaying the answer that showed it (and one more question
    // to the upstream for the final result or status), so the entry may trail the client a little
    Instant deadline = Instant.now().plusSeconds(15);
    while (outcomes(taskId) == 0 && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
    assertEquals(1, outcomes(taskId), "the call has one outcome");
    assertEquals(1, outcomes(taskId, outcome), "the call's outcome is " + outcome);
  }

  /** The official v1 client's task-augmented call of the tool ({@code call-tool-task}). */
  private static JsonObject v1Task(String tool, String arguments) throws Exception {
    return NodePeers.sdkClient(
        ItEnvironment.baseUrl() + "/t/tasks/mcp",
        key,
        "call-tool-task",
        "--name",
        tool,
        "--args",
        arguments);
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
}
