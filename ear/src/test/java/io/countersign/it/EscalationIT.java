package io.countersign.it;

import static io.countersign.it.HeldFixture.deleteArgs;
import static io.countersign.it.HeldFixture.deleteOrders;
import static io.countersign.it.HeldFixture.insertOrders;
import static io.countersign.it.HeldFixture.orders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reminders and escalation steps of a held call, carried out by the built-in provider's timer. The
 * rule (held-tenant.yaml, {@code escalating-deletes}): two db-owners, a reminder every 6 s to those
 * who have not voted, ops told after 3 s, and ops allowed to approve alone after 9 s.
 */
class EscalationIT {

  private static HeldFixture held;
  private static CibaTenant tenant;

  @BeforeAll
  static void start() throws Exception {
    held = HeldFixture.create("escalation");
    tenant = held.tenant;
  }

  @AfterAll
  static void stop() {
    if (held != null) {
      held.close();
    }
  }

  @Test
  void remindedThenEscalatedThenAddedGroupApprovesAndTheCallRunsOnce() throws Exception {
    int year = 1941;
    insertOrders(year, "cancelled", 2);
    try {
      var call = held.sdkCall(deleteArgs("cancelled", year + 1));
      JsonObject request = held.awaitInbox("alice", year + 1);
      String approval = request.getString("id");
      assertEquals("[]", request.getJsonArray("added_quorums").toString());
      assertFalse(tenant.inbox("dave").toString().contains(approval), "ops is not told before 3 s");
      assertEquals(404, tenant.approve("dave", request).statusCode(), "ops may not vote yet");
      assertEquals(200, tenant.approve("alice", request).statusCode());

      JsonObject told = held.awaitInbox("dave", r -> r.getString("id").equals(approval));
      assertFalse(told.getBoolean("may_vote"), "a notified group reads, it does not vote");
      assertEquals("[\"ops\"]", told.getJsonArray("notified_groups").toString());
      assertEquals(403, tenant.approve("dave", told).statusCode(), "told, not a decider");

      List<String[]> reminded = awaitEntries(approval, "approval.reminded", 1);
      String reminder = reminded.get(0)[1];
      assertTrue(
          reminder.startsWith(
              "reminder 1 to " + tenant.email("bob") + ", " + tenant.email("carol")),
          reminder);
      assertFalse(reminder.contains(tenant.email("alice")), "alice voted: " + reminder);

      JsonObject decider =
          held.awaitInbox(
              "dave", r -> r.getString("id").equals(approval) && r.getBoolean("may_vote"));
      assertEquals("[\"1 of ops\"]", decider.getJsonArray("added_quorums").toString());
      assertEquals("1 of 2 from db-owners; or 0 of 1 from ops", decider.getString("progress"));
      assertEquals(2, orders(year), "nothing ran while it waited");
      assertEquals(200, tenant.approve("dave", decider).statusCode());

      JsonObject out = call.get(60, TimeUnit.SECONDS);
      assertTrue(out.getBoolean("ok"), out.toString());
      assertTrue(out.getJsonObject("result").toString().contains("deleted: 2"), out.toString());
      assertEquals(0, orders(year), "approved by the added group, the call really ran");

      List<String[]> steps = entries(approval, "approval.escalated");
      assertEquals(2, steps.size());
      assertEquals(
          "step 1: notified ops; told " + tenant.email("dave") + " (1 of 2 from db-owners)",
          steps.get(0)[1]);
      assertEquals(
          "step 2: 1 of ops may approve too; told "
              + tenant.email("dave")
              + " (1 of 2 from db-owners; or 0 of 1 from ops)",
          steps.get(1)[1]);
      int afterDecision = entries(approval, null).size();
      Thread.sleep(7_000);
      List<String> types = types(entries(approval, null));
      assertEquals(afterDecision, types.size(), "nothing follows up a decided request: " + types);
      assertEquals(
          List.of(
              "approval.requested",
              "approval.vote_recorded",
              "approval.escalated",
              "approval.reminded",
              "approval.escalated",
              "approval.vote_recorded",
              "approval.approved",
              "approval.redeemed"),
          types);
      String heldId = held.heldCallId(year + 1);
      assertEquals(
          List.of(
              "tool_call.decision",
              "tool_call.approval_requested",
              "tool_call.approval_decided",
              "tool_call.forwarded",
              "tool_call.outcome"),
          held.auditTypes(heldId));
    } finally {
      deleteOrders(year);
    }
  }

  @Test
  void decidedBeforeTheFirstStepThenNeitherRemindedNorEscalated() throws Exception {
    int year = 1943;
    insertOrders(year, "cancelled", 1);
    try {
      var call = held.sdkCall(deleteArgs("cancelled", year + 1));
      JsonObject request = held.awaitInbox("alice", year + 1);
      String approval = request.getString("id");
      assertEquals(200, tenant.approve("alice", request).statusCode());
      assertEquals(200, tenant.approve("bob", request).statusCode());
      JsonObject out = call.get(60, TimeUnit.SECONDS);
      assertTrue(out.getBoolean("ok"), out.toString());
      assertEquals(0, orders(year));

      Thread.sleep(10_000);

      assertEquals(List.of(), entries(approval, "approval.escalated"));
      assertEquals(List.of(), entries(approval, "approval.reminded"));
      assertFalse(tenant.inbox("dave").toString().contains(approval), "ops never told");
    } finally {
      deleteOrders(year);
    }
  }

  /** Waits up to 30 s until the approval has at least {@code n} entries of {@code type}. */
  private static List<String[]> awaitEntries(String approval, String type, int n) throws Exception {
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      List<String[]> found = entries(approval, type);
      if (found.size() >= n) {
        return found;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("no " + type + " for " + approval);
  }

  /** The approval's audit entries (all, or of {@code type}) as {type, reason}, in log order. */
  private static List<String[]> entries(String approval, String type) throws Exception {
    List<String[]> found = new ArrayList<>();
    try (var c = Database.connect();
        var s =
            c.prepareStatement(
                "SELECT event_type, leaf FROM audit_log_entry WHERE tenant_id = ?"
                    + " AND correlation_id = ? ORDER BY leaf_index")) {
      s.setString(1, tenant.id);
      s.setString(2, approval);
      try (var r = s.executeQuery()) {
        while (r.next()) {
          if (type == null || type.equals(r.getString(1))) {
            JsonObject leaf =
                Json.createReader(
                        new StringReader(new String(r.getBytes(2), StandardCharsets.UTF_8)))
                    .readObject();
            found.add(new String[] {r.getString(1), leaf.getString("reason", "")});
          }
        }
      }
    }
    return found;
  }

  private static List<String> types(List<String[]> entries) {
    return entries.stream().map(e -> e[0]).toList();
  }
}
