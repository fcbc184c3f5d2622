package io.countersign.it;

import static io.countersign.it.HeldFixture.awaitState;
import static io.countersign.it.HeldFixture.count;
import static io.countersign.it.HeldFixture.deleteArgs;
import static io.countersign.it.HeldFixture.deleteOrders;
import static io.countersign.it.HeldFixture.insertOrders;
import static io.countersign.it.HeldFixture.orders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.Socket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Held calls when things around them go wrong: the agent drops its stream, cancels its request,
 * approvers vote at the same instant, the server restarts while calls wait or while one is being
 * forwarded. In every case the call runs at most once, and never without its audit entries.
 */
class HeldCallLifecycleIT {

  private static HeldFixture held;

  @BeforeAll
  static void start() throws Exception {
    held = HeldFixture.create("held-life");
  }

  @AfterAll
  static void stop() {
    if (held != null) {
      held.close();
    }
  }

  @Test
  void agentDropsItsStreamThenTheApprovedCallRunsOnceAndTheRetryGetsTheResult() throws Exception {
    int year = 1961;
    insertOrders(year, "paid", 3);
    try {
      McpHttp mcp = held.mcp("2025-11-25");
      JsonObject call = toolCall(mcp, "drop-1", deleteArgs("paid", year + 1));
      try (Socket socket =
          HeldFixture.openHeldStream(mcp.endpoint(), mcp.standardHeaders(), call.toString())) {
        // the agent goes away abruptly (a reset, not a polite close)
        socket.setSoLinger(true, 0);
      }
      JsonObject request = held.awaitInbox("dave", year + 1);
      assertEquals(200, held.tenant.approve("dave", request).statusCode());
      String id = held.heldCallId(year + 1);
      awaitState(id, "COMPLETED");
      assertEquals(0, orders(year), "the approved call ran");
      for (int i = 0; i < 20; i++) {
        // the dropped stream's response is never written into another request's
        JsonObject listed = mcp.call("tools/list", JsonObject.EMPTY_JSON_OBJECT);
        assertTrue(listed.containsKey("result"), listed.toString());
      }
      assertEquals(0, count("SELECT COUNT(*) FROM held_call WHERE id = ? AND delivered", id));
      JsonObject retry = HeldFixture.callTool(mcp, deleteArgs("paid", year + 1));
      JsonObject result = retry.getJsonObject("result");
      assertFalse(result.getBoolean("isError", false), retry.toString());
      assertTrue(result.toString().contains("deleted: 3"), "the retry gets the result: " + result);
      assertEquals(1, count("SELECT COUNT(*) FROM held_call WHERE id = ? AND delivered", id));
      assertEquals(1, forwardedEntries(id), "forwarded once");
    } finally {
      deleteOrders(year);
    }
  }

  /**
   * A stream the agent dropped is found by the next keep-alive comment (every 2 s here) and let go,
   * long before the hold time (15 s) or an outcome would end it; {@code /metrics} shows it. So on
   * 2025-06-18, whose streams cannot be resumed.
   */
  @Test
  void aDroppedStreamIsLetGoAtTheNextKeepAlive() throws Exception {
    dropAHeldStream("2025-06-18", "dropped", 1977);
    awaitWaiting(0, 8);
  }

  /**
   * On 2025-11-25 a dropped stream can be resumed, so it is no cancellation and does not leave at
   * the next keep-alive: the request goes on waiting for its agent, its events kept, until the hold
   * time (15 s here) ends it with the "awaiting approval" result.
   */
  @Test
  void aDroppedResumableStreamWaitsForItsAgentUntilTheHoldTime() throws Exception {
    int year = 1977;
    dropAHeldStream("2025-11-25", "dropped-resumable", year);
    Thread.sleep(5_000); // two keep-alives
    assertEquals(1, waitingGauge(), "still waiting for the agent to resume");
    awaitWaiting(0, 20);
    assertEquals(
        0,
        count(
            "SELECT COUNT(*) FROM held_call WHERE tenant_id = ? AND state = 'CANCELLED'"
                + " AND arguments LIKE ?",
            held.tenant.id,
            "%" + year + "-01-01%"),
        "a dropped connection is not a cancellation");
  }

  @Test
  void agentCancelsThenTheApprovalIsWithdrawnAndNothingRuns() throws Exception {
    int year = 1963;
    insertOrders(year, "paid", 2);
    try {
      McpHttp mcp = held.mcp("2025-11-25");
      JsonObject call = toolCall(mcp, "cancel-me", deleteArgs("paid", year + 1));
      CompletableFuture<JsonObject> waiting =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return McpHttp.message(mcp.post(call.toString(), mcp.standardHeaders()));
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              },
              held.pool);
      JsonObject request = held.awaitInbox("dave", year + 1);
      var cancelled =
          mcp.post(
              "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":"
                  + "{\"requestId\":\"cancel-me\",\"reason\":\"user pressed stop\"}}",
              mcp.standardHeaders());
      assertEquals(202, cancelled.statusCode());
      String id = held.heldCallId(year + 1);
      awaitState(id, "CANCELLED");
      JsonObject answer = waiting.get(30, TimeUnit.SECONDS).getJsonObject("result");
      assertTrue(answer.getBoolean("isError"), answer.toString());
      assertTrue(
          answer.toString().contains("cancelled by the agent (user pressed stop)"),
          answer.toString());

      JsonObject seen =
          CibaTenant.json(
              held.tenant.approvals("dave", "GET", "/" + request.getString("id"), null), 200);
      assertEquals("cancelled", seen.getString("state"), "the approver sees it withdrawn");
      assertEquals(409, held.tenant.approve("dave", request).statusCode(), "no vote after it");
      assertEquals(2, orders(year), "nothing deleted");
      assertEquals(
          List.of("tool_call.decision", "tool_call.approval_requested", "tool_call.cancelled"),
          held.auditTypes(id));
    } finally {
      deleteOrders(year);
    }
  }

  @Test
  void threeFinalVotesAtOnceThenOneDecidesAndTheCallIsForwardedOnce() throws Exception {
    int year = 1965;
    insertOrders(year, "shipped", 4);
    try {
      CompletableFuture<JsonObject> call = held.sdkCall(deleteArgs("shipped", year + 1));
      JsonObject request = held.awaitInbox("alice", year + 1);
      CountDownLatch gate = new CountDownLatch(1);
      List<CompletableFuture<Integer>> votes = new ArrayList<>();
      for (String approver : List.of("alice", "bob", "carol")) {
        votes.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    gate.await();
                    return held.tenant.approve(approver, request).statusCode();
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                },
                held.pool));
      }
      gate.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (var vote : votes) {
        statuses.add(vote.get(30, TimeUnit.SECONDS));
      }
      assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
      assertEquals(2, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
      JsonObject result = call.get(60, TimeUnit.SECONDS).getJsonObject("result");
      assertTrue(result.toString().contains("deleted: 4"), result.toString());
      String id = held.heldCallId(year + 1);
      assertEquals(1, forwardedEntries(id), "forwarded once");
      assertEquals(
          1,
          count(
              "SELECT COUNT(*) FROM audit_log_entry WHERE correlation_id = ?"
                  + " AND event_type = 'tool_call.outcome'",
              id));
    } finally {
      deleteOrders(year);
    }
  }

  /**
   * Two calls wait when the server stops. One of them is left as if its node had stopped while
   * forwarding it. After the restart, the pending call is approved, forwarded once and its result
   * goes to the retry; the interrupted one is never forwarded again and its retry is told it may
   * have run. A third was asked for as a task: approved after the restart, its task ends with the
   * result, in a new session.
   */
  @Test
  void serverRestartsWhileCallsWaitThenApprovalAfterwardsForwardsOnceAndNothingRunsTwice()
      throws Exception {
    int pendingYear = 1967;
    int interruptedYear = 1969;
    int taskYear = 1957;
    insertOrders(pendingYear, "paid", 2);
    insertOrders(interruptedYear, "paid", 3);
    insertOrders(taskYear, "delivered", 4);
    try {
      McpHttp mcp = held.mcp("2025-11-25");
      held.rawCall(mcp, deleteArgs("paid", pendingYear + 1));
      held.rawCall(mcp, deleteArgs("paid", interruptedYear + 1));
      String taskId =
          mcp.call(
                  "tools/call",
                  Json.createObjectBuilder()
                      .add("name", "shop__delete_orders")
                      .add("arguments", deleteArgs("delivered", taskYear + 1))
                      .add("task", Json.createObjectBuilder().add("ttl", 600000))
                      .build())
              .getJsonObject("result")
              .getJsonObject("task")
              .getString("taskId");
      JsonObject request = held.awaitInbox("dave", pendingYear + 1);
      held.awaitInbox("dave", interruptedYear + 1);
      JsonObject taskRequest = held.awaitInbox("dave", taskYear + 1);
      awaitState(held.heldCallId(taskYear + 1), "PENDING");
      String pending = held.heldCallId(pendingYear + 1);
      String interrupted = held.heldCallId(interruptedYear + 1);
      awaitState(pending, "PENDING");
      awaitState(interrupted, "PENDING");

      ItServer.stop();
      try (var c = Database.connect();
          var s =
              c.prepareStatement(
                  "UPDATE held_call SET state = 'FORWARDING', next_poll_at = ? WHERE id = ?")) {
        s.setObject(1, java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(1));
        s.setString(2, interrupted);
        assertEquals(1, s.executeUpdate());
      }
      ItServer.start();

      assertEquals(200, held.tenant.approve("dave", request).statusCode());
      awaitState(pending, "COMPLETED");
      assertEquals(0, orders(pendingYear), "approved after the restart: it ran");
      assertEquals(1, forwardedEntries(pending), "forwarded once");
      McpHttp again = held.mcp("2025-11-25");
      JsonObject retry = HeldFixture.callTool(again, deleteArgs("paid", pendingYear + 1));
      assertTrue(
          retry.getJsonObject("result").toString().contains("deleted: 2"),
          "the result is retrievable after the restart: " + retry);

      // the task asked for before the restart: approved after it, forwarded once, its result there
      assertEquals(200, held.tenant.approve("dave", taskRequest).statusCode());
      JsonObject ended =
          TaskCalls.awaitStatus(again, taskId, List.of("completed", "failed", "cancelled"), 30);
      assertEquals("completed", ended.getString("status"), ended.toString());
      JsonObject taskResult = again.call("tasks/result", TaskCalls.taskParams(taskId));
      assertTrue(taskResult.toString().contains("deleted: 4"), taskResult.toString());
      assertEquals(0, orders(taskYear));
      assertEquals(1, forwardedEntries(held.heldCallId(taskYear + 1)), "forwarded once");

      awaitState(interrupted, "FAILED");
      assertEquals(3, orders(interruptedYear), "an interrupted forward is never repeated");
      JsonObject told = HeldFixture.callTool(again, deleteArgs("paid", interruptedYear + 1));
      assertTrue(told.getJsonObject("result").getBoolean("isError"), told.toString());
      assertTrue(told.toString().contains("may or may not have run"), told.toString());
      assertEquals(
          1,
          count(
              "SELECT COUNT(*) FROM audit_log_entry WHERE correlation_id = ?"
                  + " AND event_type = 'tool_call.outcome' AND outcome = 'interrupted'",
              interrupted));
    } finally {
      deleteOrders(pendingYear);
      deleteOrders(interruptedYear);
      deleteOrders(taskYear);
    }
  }

  // --- helpers

  private static JsonObject toolCall(McpHttp mcp, String id, JsonObject arguments) {
    return Json.createObjectBuilder()
        .add("jsonrpc", "2.0")
        .add("id", id)
        .add("method", "tools/call")
        .add(
            "params",
            Json.createObjectBuilder()
                .add("name", "shop__delete_orders")
                .add("arguments", arguments))
        .build();
  }

  /**
   * A held call on a session of this version whose stream the agent drops (a reset connection) once
   * the call waits there.
   */
  private static void dropAHeldStream(String version, String requestId, int year) throws Exception {
    awaitWaiting(0, 30);
    McpHttp mcp = held.mcp(version);
    try (Socket socket =
        HeldFixture.openHeldStream(
            mcp.endpoint(),
            mcp.standardHeaders(),
            toolCall(mcp, requestId, deleteArgs("paid", year)).toString())) {
      awaitWaiting(1, 5);
      socket.setSoLinger(true, 0);
    }
  }

  /** Waits until {@code countersign_held_calls_waiting} in /metrics is {@code expected}. */
  private static void awaitWaiting(long expected, int seconds) throws Exception {
    Instant deadline = Instant.now().plusSeconds(seconds);
    long seen = -1;
    while (Instant.now().isBefore(deadline)) {
      seen = waitingGauge();
      if (seen == expected) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "countersign_held_calls_waiting stayed "
            + seen
            + ", not "
            + expected
            + ", for "
            + seconds
            + " s");
  }

  private static long waitingGauge() throws Exception {
    String metrics = McpHttp.get(ItEnvironment.baseUrl() + "/metrics?scope=application").body();
    for (String line : metrics.split("\n")) {
      if (line.startsWith("countersign_held_calls_waiting")) {
        return Math.round(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
      }
    }
    throw new AssertionError("no countersign_held_calls_waiting in /metrics:\n" + metrics);
  }

  private static long forwardedEntries(String heldCallId) throws Exception {
    return count(
        "SELECT COUNT(*) FROM audit_log_entry WHERE correlation_id = ?"
            + " AND event_type = 'tool_call.forwarded'",
        heldCallId);
  }
}
