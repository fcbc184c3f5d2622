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
 * A 2025-11-25 upstream's task that asks its session for input (task-upstream.mjs's booking: an
 * {@code elicitation/create} related to the task, sent on the stream of {@code tasks/result}),
 * bridged to 2026-07-28 clients of the tasks extension: the client sees the task {@code
 * input_required} with the request in {@code inputRequests}, answers with {@code tasks/update}, and
 * the upstream's task completes with what was answered. Only the owner sees and answers it, and an
 * answer to a request never asked is refused.
 */
class TaskInputsIT {

  private static final String TOOL = "checks__booking";
  private static final String TENANT = "task-inputs";

  private static NodePeers.Upstream checks;
  private static String key;
  private static String otherKey;

  @BeforeAll
  static void start() throws Exception {
    checks = NodePeers.Upstream.tasks();
    OperatorApi.importBundle(
        TENANT, OperatorApi.bundle("task-inputs-tenant.yaml", Map.of("CHECKS_URL", checks.url)));
    key = OperatorApi.issueKey(TENANT, "inputs-agent");
    otherKey = OperatorApi.issueKey(TENANT, "inputs-other");
  }

  @AfterAll
  static void stop() throws Exception {
    if (checks != null) {
      checks.close();
    }
  }

  @Test
  void theOfficialV2ClientAnswersTheTasksElicitationAndTheUpstreamGetsIt() throws Exception {
    JsonObject out = booking("room 7", "accept:{\"name\":\"Ada\"}");
    assertTrue(out.getBoolean("ok"), out.toString());
    assertEquals("task", out.getJsonObject("task").getString("kind"), out.toString());
    assertTrue(
        out.getJsonObject("task").getJsonArray("statuses").toString().contains("input_required"),
        out.toString());
    assertEquals(
        "Who is booking room 7?",
        out.getJsonArray("elicitations").getJsonObject(0).getString("message"),
        out.toString());
    assertTrue(
        out.getJsonObject("result").toString().contains("Booked room 7 for Ada"), out.toString());
  }

  @Test
  void aDeclineIsRelayedAsADecline() throws Exception {
    JsonObject out = booking("room 8", "decline");
    assertTrue(out.getBoolean("ok"), out.toString());
    assertTrue(
        out.getJsonObject("result").toString().contains("Booking room 8 declined"), out.toString());
  }

  @Test
  void onlyTheOwnerAnswersAndOnlyWhatWasAsked() throws Exception {
    String taskId =
        TaskCalls.modernTask(
                TENANT, key, TOOL, Json.createObjectBuilder().add("label", "room 9").build())
            .getString("taskId");

    // the owner's listen stream: the other agent of the tenant, naming the same id, gets nothing
    try (var listen = ListenStream.open(TENANT, key, 11, List.of(taskId));
        var other = ListenStream.open(TENANT, otherKey, 12, List.of(taskId))) {
      List<JsonObject> strangers = other.untilEnd();
      assertEquals(2, strangers.size(), strangers.toString());
      assertFalse(strangers.toString().contains("room 9"), strangers.toString());

      JsonObject asked = awaitInputRequired(taskId);
      JsonObject requests = asked.getJsonObject("inputRequests");
      assertEquals(1, requests.size(), asked.toString());
      String inputKey = requests.keySet().iterator().next();
      assertTrue(inputKey.startsWith("cs-input-"), asked.toString());
      JsonObject request = requests.getJsonObject(inputKey);
      assertEquals("elicitation/create", request.getString("method"), asked.toString());
      assertEquals("Who is booking room 9?", request.getJsonObject("params").getString("message"));
      assertFalse(asked.toString().contains(TaskCalls.upstreamTaskId(taskId)), asked.toString());

      JsonObject forged = update(key, taskId, "cs-input-forged", accept("Mallory"));
      assertEquals(-32602, forged.getJsonObject("error").getInt("code"), forged.toString());
      assertTrue(forged.toString().contains("cs-input-forged"), forged.toString());
      TaskCalls.assertNoTask(update(otherKey, taskId, inputKey, accept("Mallory")));

      JsonObject answered = update(key, taskId, inputKey, accept("Grace"));
      assertEquals(
          "complete",
          answered.getJsonObject("result").getString("resultType"),
          answered.toString());

      // the listener saw the input request and the end, under the gateway's id
      List<JsonObject> seen = listen.untilEnd();
      assertTrue(seen.toString().contains("\"input_required\""), seen.toString());
      assertTrue(seen.toString().contains("Who is booking room 9?"), seen.toString());
      JsonObject last = seen.get(seen.size() - 2).getJsonObject("params");
      assertEquals("completed", last.getString("status"), seen.toString());
      assertTrue(last.toString().contains("Booked room 9 for Grace"), seen.toString());
      assertFalse(seen.toString().contains("Mallory"), seen.toString());
    }
    JsonObject done = modern(key, "tasks/get", taskId, TaskCalls.taskParams(taskId));
    assertEquals("completed", done.getJsonObject("result").getString("status"), done.toString());
  }

  private static JsonObject awaitInputRequired(String taskId) throws Exception {
    JsonObject task = null;
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      task = modern(key, "tasks/get", taskId, TaskCalls.taskParams(taskId)).getJsonObject("result");
      if ("input_required".equals(task.getString("status"))
          && !task.getJsonObject("inputRequests").isEmpty()) {
        return task;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the task never required input: " + task);
  }

  private static JsonObject accept(String name) {
    return Json.createObjectBuilder()
        .add("action", "accept")
        .add("content", Json.createObjectBuilder().add("name", name))
        .build();
  }

  private static JsonObject update(String bearer, String taskId, String inputKey, JsonObject answer)
      throws Exception {
    return modern(
        bearer,
        "tasks/update",
        taskId,
        Json.createObjectBuilder()
            .add("taskId", taskId)
            .add("inputResponses", Json.createObjectBuilder().add(inputKey, answer))
            .build());
  }

  /** A request of a 2026-07-28 client that declares the tasks extension and elicitation. */
  private static JsonObject modern(String bearer, String method, String name, JsonObject params)
      throws Exception {
    JsonObject capabilities =
        Json.createObjectBuilder()
            .add("elicitation", Json.createObjectBuilder().add("form", JsonValue.EMPTY_JSON_OBJECT))
            .add(
                "extensions",
                Json.createObjectBuilder()
                    .add("io.modelcontextprotocol/tasks", JsonValue.EMPTY_JSON_OBJECT))
            .build();
    return TaskCalls.modern(TENANT, bearer, method, name, params, capabilities);
  }

  private static JsonObject booking(String label, String answer) throws Exception {
    return NodePeers.sdk2Client(
        ItEnvironment.baseUrl() + "/t/" + TENANT + "/mcp",
        key,
        "call-tool-task",
        "--name",
        TOOL,
        "--args",
        Json.createObjectBuilder().add("label", label).build().toString(),
        "--elicitation",
        answer);
  }
}
