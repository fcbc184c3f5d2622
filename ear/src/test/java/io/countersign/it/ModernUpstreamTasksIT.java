package io.countersign.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * Tasks of an upstream of MCP 2026-07-28 (the {@code io.modelcontextprotocol/tasks} extension,
 * {@code e2e/modern-upstream.mjs}) through Countersign: the official v2 client with {@code
 * ext-tasks} runs them to completion, answers a task's input through {@code tasks/update} and
 * cancels one, all under the gateway's agent-bound ids; another agent's or tenant's request and the
 * upstream's own id find no task; the call is decided once and its end audited once; a 2025-11-25
 * client's task-augmented call of such a tool is -32601, as for a tool without {@code taskSupport}.
 */
class ModernUpstreamTasksIT {

  private static final String TENANT = "modern-tasks";
  private static final String REPORT = "modern__slow_report";
  private static final String PLAN = "modern__approve_plan";
  private static final String JOB = "modern__long_job";

  private static NodePeers.Upstream upstream;
  private static String key;
  private static String otherKey;

  @BeforeAll
  static void start() throws Exception {
    upstream = NodePeers.Upstream.modern();
    CibaTenant.fromBundle(TENANT, "modern-tenant.yaml", Map.of("MODERN_URL", upstream.url));
    key = OperatorApi.issueKey(TENANT, "modern-agent");
    otherKey = OperatorApi.issueKey(TENANT, "modern-other");
  }

  @AfterAll
  static void stop() throws Exception {
    if (upstream != null) {
      upstream.close();
    }
  }

  @Test
  void theOfficialV2ClientRunsAModernUpstreamsTaskToCompletion() throws Exception {
    JsonObject out = v2("call-tool-task", "--name", REPORT, "--args", "{\"topic\":\"tides\"}");
    assertTrue(out.getBoolean("ok"), out.toString());
    JsonObject task = out.getJsonObject("task");
    assertEquals("task", task.getString("kind"), out.toString());
    String taskId = task.getString("taskId");
    assertTrue(taskId.startsWith("cs-task-"), out.toString());
    assertTrue(task.getJsonArray("statuses").toString().contains("completed"), out.toString());
    assertTrue(out.getJsonObject("result").toString().contains("Report: tides"), out.toString());
    assertNotEquals(
        taskId, TaskCalls.upstreamTaskId(taskId), "the upstream's id never reaches the agent");

    // asked again after its end, the task is not audited again
    JsonObject again = get(key, taskId);
    assertEquals("completed", again.getJsonObject("result").getString("status"), again.toString());
    assertEquals(1, audited(taskId, "tool_call.decision"), "the call was decided once");
    assertEquals(1, audited(taskId, "tool_call.outcome"), "its end was audited once");
    assertEquals(1, outcomes(taskId, "succeeded"), "as succeeded");
  }

  @Test
  void aTaskThatNeedsInputIsAnsweredThroughTasksUpdateByTheOfficialV2Client() throws Exception {
    JsonObject out =
        v2(
            "--elicitation",
            "accept:{\"approver\":\"Ada\"}",
            "call-tool-task",
            "--name",
            PLAN,
            "--args",
            "{\"plan\":\"north\"}");
    assertTrue(out.getBoolean("ok"), out.toString());
    assertTrue(
        out.getJsonObject("task").getJsonArray("statuses").toString().contains("input_required"),
        out.toString());
    assertTrue(
        out.getJsonArray("elicitations").toString().contains("Who approves the plan north?"),
        out.toString());
    assertTrue(
        out.getJsonObject("result").toString().contains("Plan north approved by Ada"),
        out.toString());
  }

  @Test
  void theInputRequestsReachTheOwnerAloneAndItsUpdateReachesTheUpstream() throws Exception {
    String taskId = create(PLAN, Json.createObjectBuilder().add("plan", "south").build());
    JsonObject waiting = awaitStatus(taskId, "input_required");
    JsonObject asked = waiting.getJsonObject("inputRequests");
    String inputKey = asked.keySet().iterator().next();
    assertEquals(
        "elicitation/create", asked.getJsonObject(inputKey).getString("method"), asked.toString());

    JsonObject answers =
        Json.createObjectBuilder()
            .add("taskId", taskId)
            .add(
                "inputResponses",
                Json.createObjectBuilder()
                    .add(
                        inputKey,
                        Json.createObjectBuilder()
                            .add("action", "accept")
                            .add("content", Json.createObjectBuilder().add("approver", "Mallory"))))
            .build();
    TaskCalls.assertNoTask(
        TaskCalls.modern(TENANT, otherKey, "tasks/update", taskId, answers, true));
    assertEquals("input_required", get(key, taskId).getJsonObject("result").getString("status"));

    JsonObject updated = TaskCalls.modern(TENANT, key, "tasks/update", taskId, answers, true);
    assertEquals(
        "complete", updated.getJsonObject("result").getString("resultType"), updated.toString());
    JsonObject done = awaitStatus(taskId, "completed");
    assertTrue(done.toString().contains("Plan south approved by Mallory"), done.toString());
    assertEquals(taskId, done.getString("taskId"), done.toString());
  }

  @Test
  void anotherAgentsOrTenantsTaskAndTheUpstreamsOwnIdAreNoTask() throws Exception {
    String taskId = create(JOB, Json.createObjectBuilder().add("label", "otters").build());
    String upstreamTaskId = TaskCalls.upstreamTaskId(taskId);
    for (String method : List.of("tasks/get", "tasks/update", "tasks/cancel")) {
      TaskCalls.assertNoTask(
          TaskCalls.modern(TENANT, otherKey, method, taskId, TaskCalls.taskParams(taskId), true));
    }
    TaskCalls.assertNoTask(get(key, upstreamTaskId));
    TaskCalls.assertNoTask(get(ItEnvironment.demoAgentKey(), "demo", taskId));
    assertEquals(
        "working",
        get(key, taskId).getJsonObject("result").getString("status"),
        "the other agent's cancel missed it");
    JsonObject cancelled =
        TaskCalls.modern(TENANT, key, "tasks/cancel", taskId, TaskCalls.taskParams(taskId), true);
    assertEquals("complete", cancelled.getJsonObject("result").getString("resultType"));
  }

  @Test
  void theOfficialV2ClientsCancelReachesTheUpstream() throws Exception {
    long before = cancelsSeenUpstream();
    JsonObject out =
        v2(
            "call-tool-task",
            "--name",
            JOB,
            "--args",
            "{\"label\":\"beavers\"}",
            "--cancel-after-ms",
            "300");
    assertTrue(out.getBoolean("ok"), out.toString());
    String taskId = out.getJsonObject("task").getString("taskId");
    assertTrue(out.getJsonObject("task").getBoolean("cancelled"), out.toString());
    assertEquals(before + 1, cancelsSeenUpstream(), "the upstream got the cancel");
    assertEquals("cancelled", get(key, taskId).getJsonObject("result").getString("status"), taskId);
    assertEquals(1, outcomes(taskId, "cancelled"), "the cancelled end is audited");
  }

  @Test
  void aSessionClientsTaskAugmentedCallOfTheModernUpstreamsToolIsMethodNotFound() throws Exception {
    JsonObject out =
        NodePeers.sdkClient(
            url(), key, "call-tool-task", "--name", REPORT, "--args", "{\"topic\":\"moss\"}");
    assertFalse(out.getBoolean("ok"), out.toString());
    assertTrue(out.toString().contains("-32601"), out.toString());
    assertTrue(out.toString().contains("does not run as a task"), out.toString());

    JsonObject plain =
        NodePeers.sdkClient(
            url(), key, "call-tool", "--name", REPORT, "--args", "{\"topic\":\"moss\"}");
    assertTrue(plain.getBoolean("ok"), plain.toString());
    assertTrue(plain.getJsonObject("result").toString().contains("Report: moss"), plain.toString());
  }

  // --- helpers

  private static String url() {
    return ItEnvironment.baseUrl() + "/t/" + TENANT + "/mcp";
  }

  private static JsonObject v2(String... command) throws Exception {
    return NodePeers.sdk2Client(url(), key, command);
  }

  private static String create(String tool, JsonObject arguments) throws Exception {
    JsonObject result = TaskCalls.modernTask(TENANT, key, tool, arguments);
    assertTrue(
        result.containsKey("ttlMs") && result.containsKey("pollIntervalMs"), result.toString());
    return result.getString("taskId");
  }

  private static JsonObject get(String bearer, String taskId) throws Exception {
    return get(bearer, TENANT, taskId);
  }

  private static JsonObject get(String bearer, String tenant, String taskId) throws Exception {
    return TaskCalls.modern(
        tenant, bearer, "tasks/get", taskId, TaskCalls.taskParams(taskId), true);
  }

  private static JsonObject awaitStatus(String taskId, String status) throws Exception {
    JsonObject task = null;
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      task = get(key, taskId).getJsonObject("result");
      if (status.equals(task.getString("status"))) {
        return task;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("task " + taskId + " never reached " + status + ": " + task);
  }

  private static long cancelsSeenUpstream() throws Exception {
    JsonObject counted =
        TaskCalls.modern(
            TENANT,
            key,
            "tools/call",
            "modern__count_calls",
            Json.createObjectBuilder()
                .add("name", "modern__count_calls")
                .add("arguments", Json.createObjectBuilder().add("tool", "tasks/cancel")),
            false);
    return counted.getJsonObject("result").getJsonObject("structuredContent").getInt("runs");
  }

  private static long audited(String taskId, String eventType) throws Exception {
    return TaskCalls.audited(TENANT, taskId, eventType);
  }

  private static long outcomes(String taskId, String outcome) throws Exception {
    return TaskCalls.outcomes(TENANT, taskId, outcome);
  }
}
