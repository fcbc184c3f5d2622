package io.countersign.it;

import static io.countersign.it.HeldFixture.awaitState;
import static io.countersign.it.HeldFixture.count;
import static io.countersign.it.HeldFixture.deleteArgs;
import static io.countersign.it.HeldFixture.deleteOrders;
import static io.countersign.it.HeldFixture.insertOrders;
import static io.countersign.it.HeldFixture.orders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Asking the approvers: a held call's backchannel request is sent from a bounded queue, never on
 * the agent's request thread, so a burst of held calls is asked in full; a request its node never
 * sent (the node stopped) is sent by the timer of any node, and a call that cannot be asked after
 * three attempts fails closed.
 */
class HeldCallAsksIT {

  /** Well above the 40 a synchronous ask on the request thread survived (BENCHMARKS.md). */
  private static final int BURST = 120;

  private static HeldFixture held;

  @BeforeAll
  static void start() throws Exception {
    held = HeldFixture.create("held-asks");
  }

  @AfterAll
  static void stop() {
    if (held != null) {
      held.close();
    }
  }

  @Test
  void aBurstOfDifferentHeldCallsIsAskedInFullOneApprovalEach() throws Exception {
    long pendingBefore = heldCalls("PENDING");
    long requestedBefore = approvalsRequested();
    int inboxBefore = held.tenant.inbox("dave").size();
    McpHttp mcp = held.mcp("2025-11-25");
    List<CompletableFuture<JsonObject>> calls = new ArrayList<>();
    for (int i = 0; i < BURST; i++) {
      calls.add(held.rawCall(mcp, deleteArgs("paid", 1000 + i)));
    }
    Instant deadline = Instant.now().plusSeconds(90);
    long pending = 0;
    while (Instant.now().isBefore(deadline)) {
      pending = heldCalls("PENDING") - pendingBefore;
      if (pending == BURST
          || calls.stream().anyMatch(CompletableFuture::isCompletedExceptionally)) {
        break;
      }
      Thread.sleep(500);
    }
    List<String> failed = new ArrayList<>();
    for (var call : calls) {
      if (call.isCompletedExceptionally()) {
        failed.add(call.handle((r, e) -> String.valueOf(e)).join());
      } else if (call.isDone() && !call.join().toString().contains("Awaiting approval")) {
        // after the hold time a call's stream may end saying it still waits; nothing else
        failed.add(call.join().toString());
      }
    }
    assertEquals(List.of(), failed, "no call may end while its approval is open");
    assertEquals(BURST, pending, "every held call reached its approvers");
    assertEquals(BURST, approvalsRequested() - requestedBefore, "one approval request each");
    assertEquals(
        BURST, held.tenant.inbox("dave").size() - inboxBefore, "the approver sees each one once");
  }

  /**
   * The node that held a call stopped after claiming its first ask and before sending it: the timer
   * sends the stored request, the approver decides, and the call waiting here completes.
   */
  @Test
  void anAskItsNodeNeverSentIsSentByTheTimer() throws Exception {
    int year = 1971;
    insertOrders(year, "paid", 2);
    try {
      McpHttp mcp = held.mcp("2025-11-25");
      CompletableFuture<JsonObject> call = held.rawCall(mcp, deleteArgs("paid", year + 1));
      JsonObject first = held.awaitInbox("dave", year + 1);
      String id = held.heldCallId(year + 1);
      awaitState(id, "PENDING");
      asIfNeverSent(id, 1);

      awaitState(id, "PENDING");
      assertEquals(2, count("SELECT asks FROM held_call WHERE id = ?", id), "the second attempt");
      JsonObject second =
          held.awaitInbox(
              "dave",
              r ->
                  r.toString().contains("\"" + (year + 1))
                      && !r.getString("id").equals(first.getString("id")));
      assertNotEquals(first.getString("id"), second.getString("id"));
      assertEquals(200, held.tenant.approve("dave", second).statusCode());

      JsonObject result = call.get(60, TimeUnit.SECONDS).getJsonObject("result");
      assertTrue(result.toString().contains("deleted: 2"), result.toString());
      assertEquals(0, orders(year));
      assertEquals(
          1,
          count(
              "SELECT COUNT(*) FROM audit_log_entry WHERE correlation_id = ?"
                  + " AND event_type = 'tool_call.forwarded'",
              id));
    } finally {
      deleteOrders(year);
    }
  }

  @Test
  void aCallNotAskedAfterThreeAttemptsFailsClosed() throws Exception {
    int year = 1973;
    insertOrders(year, "paid", 2);
    try {
      McpHttp mcp = held.mcp("2025-11-25");
      CompletableFuture<JsonObject> call = held.rawCall(mcp, deleteArgs("paid", year + 1));
      held.awaitInbox("dave", year + 1);
      String id = held.heldCallId(year + 1);
      awaitState(id, "PENDING");
      asIfNeverSent(id, 3);

      awaitState(id, "FAILED");
      JsonObject result = call.get(60, TimeUnit.SECONDS).getJsonObject("result");
      assertTrue(result.getBoolean("isError"), result.toString());
      assertTrue(
          result.toString().contains("could not be asked after 3 attempts"), result.toString());
      assertEquals(2, orders(year), "nothing deleted");
    } finally {
      deleteOrders(year);
    }
  }

  /** Puts a call back into REQUESTING with {@code asks} attempts claimed and its lease run out. */
  private static void asIfNeverSent(String id, int asks) throws Exception {
    try (var c = Database.connect();
        var s =
            c.prepareStatement(
                "UPDATE held_call SET state = 'REQUESTING', asks = ?, auth_req_id_sealed = NULL,"
                    + " notification_token_hash = NULL, expires_at = NULL, next_poll_at = ?"
                    + " WHERE id = ?")) {
      s.setInt(1, asks);
      s.setObject(2, OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1));
      s.setString(3, id);
      assertEquals(1, s.executeUpdate());
    }
  }

  private static long approvalsRequested() throws Exception {
    return count(
        "SELECT COUNT(*) FROM audit_log_entry WHERE tenant_id = ?"
            + " AND event_type = 'tool_call.approval_requested'",
        held.tenant.id);
  }

  private static long heldCalls(String state) throws Exception {
    return count(
        "SELECT COUNT(*) FROM held_call WHERE tenant_id = ? AND state = ?", held.tenant.id, state);
  }
}
