package io.countersign.it;

import static io.countersign.it.HeldFixture.count;
import static io.countersign.it.HeldFixture.deleteArgs;
import static io.countersign.it.HeldFixture.deleteOrders;
import static io.countersign.it.HeldFixture.insertOrders;
import static io.countersign.it.HeldFixture.orders;
import static io.countersign.it.TaskCalls.assertNoTask;
import static io.countersign.it.TaskCalls.awaitStatus;
import static io.countersign.it.TaskCalls.taskParams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Held calls asked for as tasks, in both task flavours: the agent gets the task at once, its status
 * message follows the votes, and it ends with the call's outcome; the task id is the agent's alone.
 * The demo upstream's rows show what really ran; each test deletes orders of its own year.
 */
class HeldCallTasksIT {

  private static final String TOOL = "shop__delete_orders";
  private static final List<String> ENDED = List.of("completed", "failed", "cancelled");

  private static HeldFixture held;
  private static HeldFixture other;

  @BeforeAll
  static void start() throws Exception {
    held = HeldFixture.create("heldtasks");
    other = HeldFixture.create("heldtasks-other");
  }

  @AfterAll
  static void stop() {
    if (held != null) {
      held.close();
    }
    if (other != null) {
      other.close();
    }
  }

  /**
   * 2025-11-25: the task is there at once, working; one vote of two shows in its status message; a
   * {@code tasks/result} sent while it waits blocks until the second vote, and gets the result.
   */
  @Test
  void aTaskFollowsTheVotesAndEndsWithTheResultOfTheApprovedCall() throws Exception {
    int year = 1950;
    insertOrders(year, "cancelled", 2);
    try {
      McpHttp mcp = held.mcp("2025-11-25");
      JsonObject task = createTask(mcp, deleteArgs("cancelled", year + 1));
      String taskId = task.getString("taskId");
      assertTrue(taskId.startsWith("cs-task-"), task.toString());
      assertEquals("working", task.getString("status"), task.toString());
      assertTrue(task.getString("statusMessage").contains("code CS-"), task.toString());
      assertTrue(task.containsKey("pollInterval") && task.containsKey("ttl"), task.toString());

      CompletableFuture<JsonObject> result =
          CompletableFuture.supplyAsync(
              () -> call(mcp, "tasks/result", taskParams(taskId)), held.pool);
      JsonObject request = held.awaitInbox("alice", year + 1);
      assertEquals(200, held.tenant.approve("alice", request).statusCode());
      JsonObject oneVote = awaitMessage(mcp, taskId, "1 of 2 from db-owners");
      assertEquals("working", oneVote.getString("status"), oneVote.toString());
      assertFalse(result.isDone(), "tasks/result waits while the task works");
      assertEquals(2, orders(year), "nothing ran after one vote");

      assertEquals(200, held.tenant.approve("bob", request).statusCode());
      JsonObject response = result.get(60, TimeUnit.SECONDS);
      JsonObject toolResult = response.getJsonObject("result");
      assertTrue(toolResult.toString().contains("deleted: 2"), response.toString());
      assertEquals(
          taskId,
          toolResult
              .getJsonObject("_meta")
              .getJsonObject("io.modelcontextprotocol/related-task")
              .getString("taskId"),
          response.toString());
      assertEquals(0, orders(year), "the approved call ran");
      assertEquals("completed", awaitStatus(mcp, taskId, ENDED, 10).getString("status"));
      JsonObject again = mcp.call("tasks/result", taskParams(taskId));
      assertTrue(again.toString().contains("deleted: 2"), "the result stays retrievable");

      JsonObject cancelLate = mcp.call("tasks/cancel", taskParams(taskId));
      assertEquals(-32602, cancelLate.getJsonObject("error").getInt("code"), cancelLate.toString());
      assertTrue(cancelLate.toString().contains("terminal status 'completed'"));
      String heldId = held.heldCallId(year + 1);
      assertEquals(
          1,
          count(
              "SELECT COUNT(*) FROM audit_log_entry WHERE correlation_id = ?"
                  + " AND event_type = 'tool_call.forwarded'",
              heldId),
          "forwarded once");
    } finally {
      deleteOrders(year);
    }
  }

  @Test
  void theOfficialV1ClientRunsAHeldCallAsATask() throws Exception {
    int year = 1951;
    insertOrders(year, "shipped", 3);
    try {
      var out = held.peerCall("sdk", "call-tool-task", deleteArgs("shipped", year + 1));
      JsonObject request = held.awaitInbox("dave", year + 1);
      assertEquals(200, held.tenant.approve("dave", request).statusCode());
      JsonObject done = out.get(90, TimeUnit.SECONDS);
      assertTrue(done.getBoolean("ok"), done.toString());
      assertTrue(done.getJsonObject("task").getString("taskId").startsWith("cs-task-"));
      assertTrue(done.getJsonObject("result").toString().contains("deleted: 3"), done.toString());
      String statuses = done.getJsonObject("task").getJsonArray("statuses").toString();
      assertTrue(statuses.contains("working") && statuses.contains("completed"), statuses);
      assertEquals(0, orders(year));
    } finally {
      deleteOrders(year);
    }
  }

  /** 2026-07-28: the server decides; a call that waits for people becomes a task. */
  @Test
  void theOfficialV2ClientGetsATaskForAHeldCallAndItsResult() throws Exception {
    int year = 1952;
    insertOrders(year, "delivered", 2);
    try {
      var out = held.peerCall("sdk2", "call-tool-task", deleteArgs("delivered", year + 1));
      JsonObject request = held.awaitInbox("dave", year + 1);
      assertEquals(200, held.tenant.approve("dave", request).statusCode());
      JsonObject done = out.get(90, TimeUnit.SECONDS);
      assertTrue(done.getBoolean("ok"), done.toString());
      JsonObject task = done.getJsonObject("task");
      assertEquals("task", task.getString("kind"), done.toString());
      assertTrue(task.getString("taskId").startsWith("cs-task-"), done.toString());
      assertTrue(done.getJsonObject("result").toString().contains("deleted: 2"), done.toString());
      assertEquals(0, orders(year));
    } finally {
      deleteOrders(year);
    }
  }

  /** A rejection fails the task with the approver's reason; a cancelled task withdraws the call. */
  @Test
  void rejectedFailsTheTaskAndCancelWithdrawsTheApproval() throws Exception {
    int rejectedYear = 1953;
    int cancelledYear = 1954;
    insertOrders(rejectedYear, "paid", 1);
    insertOrders(cancelledYear, "paid", 1);
    try {
      McpHttp mcp = held.mcp("2025-11-25");
      String rejected = createTask(mcp, deleteArgs("paid", rejectedYear + 1)).getString("taskId");
      JsonObject request = held.awaitInbox("dave", rejectedYear + 1);
      assertEquals(200, held.tenant.reject("dave", request, "Not during the audit").statusCode());
      JsonObject failed = awaitStatus(mcp, rejected, ENDED, 20);
      assertEquals("failed", failed.getString("status"), failed.toString());
      assertTrue(failed.getString("statusMessage").contains("Not during the audit"));
      JsonObject result = mcp.call("tasks/result", taskParams(rejected)).getJsonObject("result");
      assertTrue(result.getBoolean("isError"), result.toString());
      assertTrue(result.toString().contains("Rejected by the approvers"), result.toString());

      String cancelled = createTask(mcp, deleteArgs("paid", cancelledYear + 1)).getString("taskId");
      JsonObject toWithdraw = held.awaitInbox("dave", cancelledYear + 1);
      String heldId = held.heldCallId(cancelledYear + 1);
      HeldFixture.awaitState(heldId, "PENDING");
      JsonObject answer = mcp.call("tasks/cancel", taskParams(cancelled)).getJsonObject("result");
      assertEquals("cancelled", answer.getString("status"), answer.toString());
      assertEquals(409, held.tenant.approve("dave", toWithdraw).statusCode(), "withdrawn");
      assertEquals(1, orders(rejectedYear), "nothing ran");
      assertEquals(1, orders(cancelledYear), "nothing ran");
      assertTrue(held.auditTypes(heldId).contains("tool_call.cancelled"));
    } finally {
      deleteOrders(rejectedYear);
      deleteOrders(cancelledYear);
    }
  }

  /** Only the agent that asked sees its task: a forged id, another tenant's agent, either era. */
  @Test
  void forgedAndForeignTaskIdsAreNotFound() throws Exception {
    int year = 1955;
    insertOrders(year, "paid", 1);
    try {
      McpHttp mcp = held.mcp("2025-11-25");
      String taskId = createTask(mcp, deleteArgs("paid", year + 1)).getString("taskId");
      held.awaitInbox("dave", year + 1);

      McpHttp stranger = other.mcp("2025-11-25");
      for (String method : List.of("tasks/get", "tasks/result", "tasks/cancel")) {
        assertNoTask(stranger.call(method, taskParams(taskId)));
      }
      String forged = "cs-task-" + taskId.substring(8, 20) + "A".repeat(taskId.length() - 20);
      assertNoTask(mcp.call("tasks/get", taskParams(forged)));
      assertNoTask(mcp.call("tasks/get", taskParams(held.heldCallId(year + 1))));
      assertNoTask(
          TaskCalls.modern(
              other.tenant.id, other.key, "tasks/get", taskId, taskParams(taskId), true));
      assertNoTask(
          TaskCalls.modern(
              other.tenant.id, other.key, "tasks/cancel", taskId, taskParams(taskId), true));

      // the owner's 2026-07-28 client sees it working, with the votes
      JsonObject got =
          TaskCalls.modern(held.tenant.id, held.key, "tasks/get", taskId, taskParams(taskId), true)
              .getJsonObject("result");
      assertEquals("working", got.getString("status"), got.toString());
      assertTrue(got.containsKey("pollIntervalMs") && got.containsKey("ttlMs"), got.toString());
      assertEquals(
          "working",
          mcp.call("tasks/get", taskParams(taskId)).getJsonObject("result").getString("status"),
          "the strangers' cancel missed it");
      assertEquals(1, orders(year));
    } finally {
      deleteOrders(year);
    }
  }

  // --- helpers

  /** A 2025-11-25 task-augmented call of the held tool; the created task. */
  private static JsonObject createTask(McpHttp mcp, JsonObject arguments) throws Exception {
    JsonObject created =
        mcp.call(
            "tools/call",
            Json.createObjectBuilder()
                .add("name", TOOL)
                .add("arguments", arguments)
                .add("task", Json.createObjectBuilder().add("ttl", 600000))
                .build());
    assertTrue(created.containsKey("result"), created.toString());
    return created.getJsonObject("result").getJsonObject("task");
  }

  private static JsonObject call(McpHttp mcp, String method, JsonObject params) {
    try {
      return mcp.call(method, params);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Polls {@code tasks/get} until the task's status message contains {@code text}. */
  private static JsonObject awaitMessage(McpHttp mcp, String taskId, String text) throws Exception {
    JsonObject status = null;
    // a vote makes the gateway poll at its next tick (ApprovalProgress); without that signal it
    // would learn of the vote only at its scheduled poll (poll-fallback, 30 s in ping mode)
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (System.nanoTime() < deadline) {
      status = mcp.call("tasks/get", taskParams(taskId)).getJsonObject("result");
      if (status.getString("statusMessage", "").contains(text)) {
        return status;
      }
      Thread.sleep(300);
    }
    throw new AssertionError("the task's status message never said '" + text + "': " + status);
  }
}
