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

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Held calls end to end: the official SDK client (or raw HTTP where dozens of calls run at once)
 * calls a held tool through the gateway, approvers decide through the decision API, and the demo
 * upstream's rows show what really ran. Each test deletes orders of its own year, so tests never
 * touch each other's rows.
 */
class HeldCallsIT {

  private static HeldFixture held;
  private static CibaTenant tenant;

  @BeforeAll
  static void start() throws Exception {
    held = HeldFixture.create("held");
    tenant = held.tenant;
  }

  @AfterAll
  static void stop() {
    if (held != null) {
      held.close();
    }
  }

  @Test
  void approvedByTwoOfThreeThenRowsReallyDeletedOnceAndResultReturned() throws Exception {
    int year = 1971;
    insertOrders(year, "cancelled", 3);
    try {
      var call = held.sdkCall(deleteArgs("cancelled", year + 1));
      JsonObject request = held.awaitInbox("alice", year + 1);
      // what the approver reads: the policy's summary rendered, the rule's risk, the triggers
      JsonObject shown =
          CibaTenant.json(
              tenant.approvals("alice", "GET", "/" + request.getString("id"), null), 200);
      assertEquals(
          "Delete cancelled orders created before " + (year + 1) + "-01-01T00:00:00Z",
          shown.getString("summary"),
          shown.toString());
      assertEquals("critical", shown.getString("risk"), shown.toString());
      assertEquals(
          List.of(
              "policy rule two-db-owners: tool.name == \"delete_orders\" && args.status =="
                  + " \"cancelled\"",
              "risk set by the rule: critical",
              "destructive tool (upstream annotation destructiveHint)"),
          shown.getJsonArray("triggers").getValuesAs(JsonString::getString),
          shown.toString());
      var first = tenant.approve("alice", request);
      assertEquals(200, statusOf(first), first.body());
      assertTrue(first.body().contains("recorded"), "first of two votes: " + first.body());
      Thread.sleep(1_500);
      assertFalse(call.isDone(), "one vote of two does not release the call");
      assertEquals(3, orders(year), "nothing deleted after one vote");
      assertEquals(200, statusOf(tenant.approve("bob", request)));
      JsonObject out = call.get(60, TimeUnit.SECONDS);
      assertTrue(out.getBoolean("ok"), out.toString());
      JsonObject result = out.getJsonObject("result");
      assertFalse(result.getBoolean("isError", false), result.toString());
      assertTrue(result.toString().contains("deleted: 3"), result.toString());
      assertEquals(0, orders(year), "the approved call really ran");
      assertEquals(409, statusOf(tenant.approve("carol", request)), "a vote on a decided call");
      String heldId = held.heldCallId(year + 1);
      assertEquals(
          List.of(
              "tool_call.decision",
              "tool_call.approval_requested",
              "tool_call.approval_decided",
              "tool_call.forwarded",
              "tool_call.outcome"),
          held.auditTypes(heldId));
      assertEquals(1, count("SELECT COUNT(*) FROM held_call WHERE id = ? AND delivered", heldId));
    } finally {
      deleteOrders(year);
    }
  }

  @Test
  void rejectedThenNothingDeletedAndTheApproversReasonReturned() throws Exception {
    int year = 1972;
    insertOrders(year, "shipped", 2);
    try {
      var call = held.sdkCall(deleteArgs("shipped", year + 1));
      JsonObject request = held.awaitInbox("dave", year + 1);
      assertEquals(
          200, statusOf(tenant.reject("dave", request, "Keep shipped orders for the tax audit")));
      JsonObject result = call.get(60, TimeUnit.SECONDS).getJsonObject("result");
      assertTrue(result.getBoolean("isError"), result.toString());
      assertTrue(result.toString().contains("Rejected by the approvers"), result.toString());
      assertTrue(result.toString().contains("Keep shipped orders for the tax audit"));
      assertEquals(2, orders(year), "nothing deleted");
    } finally {
      deleteOrders(year);
    }
  }

  @Test
  void expiredThenNothingDeletedAndExpiredNotRejectedReturned() throws Exception {
    int year = 1973;
    insertOrders(year, "refunded", 1);
    try {
      JsonObject out = held.sdkCall(deleteArgs("refunded", year + 1)).get(90, TimeUnit.SECONDS);
      JsonObject result = out.getJsonObject("result");
      assertTrue(result.getBoolean("isError"), result.toString());
      assertTrue(result.toString().contains("expired"), result.toString());
      assertFalse(result.toString().contains("Rejected"), result.toString());
      assertEquals(1, orders(year), "nothing deleted");
      assertEquals(
          1,
          count(
              "SELECT COUNT(*) FROM held_call WHERE id = ? AND state = 'EXPIRED'",
              held.heldCallId(year + 1)));
    } finally {
      deleteOrders(year);
    }
  }

  @Test
  void editedApprovalThenForwardedAsEditedAndBothVersionsAudited() throws Exception {
    int year = 1974;
    insertOrders(year, "delivered", 2);
    insertOrders(year + 1, "delivered", 2);
    try {
      // the agent asks for two years; dave narrows it to one
      var call = held.sdkCall(deleteArgs("delivered", year + 2));
      JsonObject request = held.awaitInbox("dave", year + 2);
      JsonObject edited = deleteArgs("delivered", year + 1);
      var decided = held.approveEdited("dave", request, edited);
      assertEquals(200, decided.statusCode(), decided.body());
      JsonObject result = call.get(60, TimeUnit.SECONDS).getJsonObject("result");
      assertFalse(result.getBoolean("isError", false), result.toString());
      assertEquals(0, orders(year), "the edited range was deleted");
      assertEquals(2, orders(year + 1), "what the approver cut out stayed");
      String heldId = held.heldCallId(year + 2);
      assertEquals(
          1,
          count(
              "SELECT COUNT(*) FROM audit_log_entry WHERE correlation_id = ?"
                  + " AND event_type = 'tool_call.approval_decided' AND outcome = 'approved_edited'",
              heldId));
    } finally {
      deleteOrders(year);
      deleteOrders(year + 1);
    }
  }

  @Test
  void editedIntoSomethingThePolicyDeniesThenNothingRuns() throws Exception {
    int year = 1976;
    insertOrders(year, "pending", 1);
    insertOrders(year, "paid", 1);
    try {
      var call = held.sdkCall(deleteArgs("paid", year + 1));
      JsonObject request = held.awaitInbox("dave", year + 1);
      var decided = held.approveEdited("dave", request, deleteArgs("pending", year + 1));
      assertEquals(200, decided.statusCode(), decided.body());
      JsonObject result = call.get(60, TimeUnit.SECONDS).getJsonObject("result");
      assertTrue(result.getBoolean("isError"), result.toString());
      assertTrue(result.toString().contains("never-delete-pending"), result.toString());
      assertEquals(2, orders(year), "nothing deleted");
    } finally {
      deleteOrders(year);
    }
  }

  @Test
  void editedIntoArgumentsTheToolsSchemaRefusesThenNothingRuns() throws Exception {
    int year = 1978;
    insertOrders(year, "paid", 2);
    try {
      var call = held.sdkCall(deleteArgs("paid", year + 1));
      JsonObject request = held.awaitInbox("dave", year + 1);
      var decided = held.approveEdited("dave", request, deleteArgs("lost", year + 1));
      assertEquals(200, decided.statusCode(), decided.body());
      JsonObject result = call.get(60, TimeUnit.SECONDS).getJsonObject("result");
      assertTrue(result.getBoolean("isError"), result.toString());
      assertTrue(
          result.toString().contains("do not match the tool's input schema"), result.toString());
      assertTrue(result.toString().contains("status"), result.toString());
      assertEquals(2, orders(year), "nothing deleted");
      assertEquals(
          1,
          count(
              "SELECT COUNT(*) FROM held_call WHERE id = ? AND state = 'FAILED'",
              held.heldCallId(year + 1)));
    } finally {
      deleteOrders(year);
    }
  }

  @Test
  void fiftyIdenticalRetriesThenOneApprovalAndOneDelete() throws Exception {
    int year = 1977;
    insertOrders(year, "paid", 4);
    try {
      McpHttp mcp = held.mcp("2025-11-25");
      List<CompletableFuture<JsonObject>> calls = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        calls.add(held.rawCall(mcp, deleteArgs("paid", year + 1)));
      }
      JsonObject request = held.awaitInbox("dave", year + 1);
      Thread.sleep(2_000);
      long asked =
          tenant.inbox("dave").stream()
              .filter(r -> r.toString().contains("\"" + (year + 1)))
              .count();
      assertEquals(1, asked, "fifty identical calls, one approval request");
      assertEquals(
          1,
          count("SELECT COUNT(*) FROM held_call WHERE arguments LIKE ?", "%" + (year + 1) + "%"));
      assertEquals(200, statusOf(tenant.approve("dave", request)));
      for (var call : calls) {
        JsonObject response = call.get(60, TimeUnit.SECONDS);
        assertFalse(
            response.getJsonObject("result").getBoolean("isError", false), response.toString());
        assertTrue(
            response.getJsonObject("result").toString().contains("deleted: 4"),
            response.toString());
      }
      assertEquals(0, orders(year));
      assertEquals(
          1,
          count(
              "SELECT COUNT(*) FROM audit_log_entry WHERE correlation_id = ?"
                  + " AND event_type = 'tool_call.forwarded'",
              held.heldCallId(year + 1)));
    } finally {
      deleteOrders(year);
    }
  }

  @Test
  void fiveDifferentCallsInParallelThenFiveApprovalsEachResultToItsOwnCall() throws Exception {
    int base = 1980;
    for (int i = 0; i < 5; i++) {
      insertOrders(base + 2 * i, "paid", i + 1);
    }
    try {
      McpHttp mcp = held.mcp("2025-11-25");
      List<CompletableFuture<JsonObject>> calls = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        // each call deletes one year's orders: before (year + 1) and, by its own rows, after
        // the previous call's year has been emptied
        calls.add(held.rawCall(mcp, deleteArgs("paid", base + 2 * (4 - i) + 1)));
      }
      for (int i = 0; i < 5; i++) {
        int before = base + 2 * i + 1;
        JsonObject request = held.awaitInbox("dave", before);
        assertEquals(200, statusOf(tenant.approve("dave", request)));
        // the i-th call (asking for the oldest year first) deletes that year's i+1 rows
        JsonObject response = calls.get(4 - i).get(60, TimeUnit.SECONDS);
        JsonObject result = response.getJsonObject("result");
        assertFalse(result.getBoolean("isError", false), response.toString());
        assertTrue(result.toString().contains("deleted: " + (i + 1)), "call " + i + ": " + result);
      }
    } finally {
      for (int i = 0; i < 5; i++) {
        deleteOrders(base + 2 * i);
      }
    }
  }

  @Test
  void holdTimeEndsThenTheRetryJoinsTheApprovalAndGetsTheResult() throws Exception {
    int year = 1991;
    insertOrders(year, "paid", 2);
    try {
      McpHttp mcp = held.mcp("2025-11-25");
      Instant started = Instant.now();
      JsonObject first = HeldFixture.callTool(mcp, deleteArgs("paid", year + 1));
      JsonObject waiting = first.getJsonObject("result");
      assertTrue(waiting.getBoolean("isError"), first.toString());
      assertTrue(waiting.toString().contains("Awaiting approval"), first.toString());
      assertTrue(
          Duration.between(started, Instant.now()).toSeconds() >= 10, "held until the hold time");
      assertEquals(2, orders(year));
      JsonObject request = held.awaitInbox("dave", year + 1);
      assertEquals(200, statusOf(tenant.approve("dave", request)));
      awaitState(held.heldCallId(year + 1), "COMPLETED");
      JsonObject retry = HeldFixture.callTool(mcp, deleteArgs("paid", year + 1));
      assertFalse(retry.getJsonObject("result").getBoolean("isError", false), retry.toString());
      assertEquals(0, orders(year));
      assertEquals(
          1,
          count("SELECT COUNT(*) FROM held_call WHERE arguments LIKE ?", "%" + (year + 1) + "%"));
    } finally {
      deleteOrders(year);
    }
  }

  private static int statusOf(java.net.http.HttpResponse<String> response) {
    return response.statusCode();
  }
}
