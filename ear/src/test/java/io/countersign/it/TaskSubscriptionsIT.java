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
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code subscriptions/listen} with the tasks extension's {@code notifications/tasks}: the owner's
 * stream follows its held call's task from working through the approval to its result; another
 * tenant's agent naming the same task id gets an acknowledgment without it and nothing else; bad
 * filters get the specification's errors. Each test deletes demo orders of its own year (1940s).
 */
class TaskSubscriptionsIT {

  private static final String TOOL = "shop__delete_orders";

  private static HeldFixture held;
  private static HeldFixture stranger;

  @BeforeAll
  static void start() throws Exception {
    held = HeldFixture.create("listen");
    stranger = HeldFixture.create("listen-other");
  }

  @AfterAll
  static void stop() {
    if (held != null) {
      held.close();
    }
    if (stranger != null) {
      stranger.close();
    }
  }

  @Test
  void theOwnersStreamFollowsItsHeldCallTaskToTheResult() throws Exception {
    int year = 1940;
    insertOrders(year, "paid", 2);
    try {
      String taskId = heldTask(deleteArgs("paid", year + 1));
      String forged = "cs-task-" + "B".repeat(43);
      JsonObject request = held.awaitInbox("alice", year + 1);
      try (var listen = ListenStream.open(held.tenant.id, held.key, 7, List.of(taskId, forged))) {
        assertEquals(200, listen.response.statusCode());
        JsonObject ack = listen.next();
        assertEquals("notifications/subscriptions/acknowledged", ack.getString("method"), "first");
        JsonObject params = ack.getJsonObject("params");
        assertEquals(7, params.getJsonObject("_meta").getInt(ListenStream.SUBSCRIPTION_ID));
        assertEquals(
            List.of(taskId),
            params
                .getJsonObject("notifications")
                .getJsonArray("taskIds")
                .getValuesAs(jakarta.json.JsonString::getString),
            "only the agent's own task is followed: " + ack);

        JsonObject working = listen.next();
        assertEquals("notifications/tasks", working.getString("method"), working.toString());
        assertEquals(taskId, working.getJsonObject("params").getString("taskId"));
        assertEquals("working", working.getJsonObject("params").getString("status"));
        assertTrue(working.getJsonObject("params").getString("statusMessage").contains("CS-"));

        // the 1940s need two db-owners: the first vote shows in the status message
        assertEquals(200, held.tenant.approve("alice", request).statusCode());
        assertEquals(200, held.tenant.approve("bob", request).statusCode());
        List<JsonObject> rest = listen.untilEnd();
        JsonObject end = rest.get(rest.size() - 1);
        assertEquals(7, end.getInt("id"), end.toString());
        assertEquals("complete", end.getJsonObject("result").getString("resultType"));
        assertEquals(
            7,
            end.getJsonObject("result")
                .getJsonObject("_meta")
                .getInt(ListenStream.SUBSCRIPTION_ID));
        for (JsonObject message : rest.subList(0, rest.size() - 1)) {
          assertEquals(
              taskId, message.getJsonObject("params").getString("taskId"), rest.toString());
          assertEquals(
              7,
              message
                  .getJsonObject("params")
                  .getJsonObject("_meta")
                  .getInt(ListenStream.SUBSCRIPTION_ID));
        }
        JsonObject completed = lastState(taskId, rest);
        assertEquals("completed", completed.getString("status"), rest.toString());
        assertTrue(
            completed.getJsonObject("result").toString().contains("deleted: 2"), rest.toString());
      }
      assertEquals(0, orders(year), "the approved call ran");
    } finally {
      deleteOrders(year);
    }
  }

  @Test
  void aStrangerNamingTheTaskIdGetsNothingOfIt() throws Exception {
    int year = 1941;
    insertOrders(year, "paid", 1);
    try {
      String taskId = heldTask(deleteArgs("paid", year + 1));
      try (var listen = ListenStream.open(stranger.tenant.id, stranger.key, 1, List.of(taskId))) {
        List<JsonObject> messages = listen.untilEnd();
        assertEquals(2, messages.size(), "an acknowledgment, then the end: " + messages);
        assertEquals(
            0,
            messages
                .get(0)
                .getJsonObject("params")
                .getJsonObject("notifications")
                .getJsonArray("taskIds")
                .size(),
            messages.toString());
        assertFalse(messages.toString().contains("notifications/tasks\""), messages.toString());
      }
      JsonObject request = held.awaitInbox("alice", year + 1);
      assertEquals(200, held.tenant.reject("alice", request, "Not now").statusCode());
      assertEquals(1, orders(year), "nothing ran");
    } finally {
      deleteOrders(year);
    }
  }

  @Test
  void badFiltersGetTheSpecificationsErrors() throws Exception {
    JsonObject unknownKind =
        refused(Json.createObjectBuilder().add("everything", true).build(), true, 200);
    assertEquals(-32602, unknownKind.getJsonObject("error").getInt("code"), unknownKind.toString());
    assertTrue(unknownKind.toString().contains("unknown subscription kind 'everything'"));

    JsonObject notStrings =
        refused(
            Json.createObjectBuilder().add("taskIds", Json.createArrayBuilder().add(1)).build(),
            true,
            200);
    assertEquals(-32602, notStrings.getJsonObject("error").getInt("code"), notStrings.toString());

    JsonObject undeclared =
        refused(
            Json.createObjectBuilder().add("taskIds", Json.createArrayBuilder().add("x")).build(),
            false,
            400);
    assertEquals(-32021, undeclared.getJsonObject("error").getInt("code"), undeclared.toString());
    assertTrue(
        undeclared
            .getJsonObject("error")
            .getJsonObject("data")
            .getJsonObject("requiredCapabilities")
            .getJsonObject("extensions")
            .containsKey("io.modelcontextprotocol/tasks"),
        undeclared.toString());

    // kinds the gateway does not send are left out of the acknowledgment, which then ends the
    // stream
    try (var listen =
        ListenStream.open(
            held.tenant.id,
            held.key,
            3,
            Json.createObjectBuilder().add("toolsListChanged", true).build(),
            false)) {
      List<JsonObject> messages = listen.untilEnd();
      assertEquals(
          0, messages.get(0).getJsonObject("params").getJsonObject("notifications").size());
      assertEquals(2, messages.size(), messages.toString());
    }
  }

  private static JsonObject refused(JsonObject filter, boolean declare, int status)
      throws Exception {
    try (var listen = ListenStream.open(held.tenant.id, held.key, 5, filter, declare)) {
      assertEquals(status, listen.response.statusCode());
      return listen.refusal();
    }
  }

  /**
   * The task's last state: that of the stream's last notification, or, when the stream reached its
   * time before the task ended (a loaded machine), that of the streams the client opens again, as a
   * client does after a graceful end.
   */
  private static JsonObject lastState(String taskId, List<JsonObject> stream) throws Exception {
    JsonObject last = stream.get(stream.size() - 2).getJsonObject("params");
    long deadline = System.nanoTime() + 60_000_000_000L;
    int id = 100;
    while (!"completed".equals(last.getString("status")) && System.nanoTime() < deadline) {
      try (var again = ListenStream.open(held.tenant.id, held.key, ++id, List.of(taskId))) {
        List<JsonObject> messages = again.untilEnd();
        JsonObject before = messages.get(messages.size() - 2);
        if ("notifications/tasks".equals(before.getString("method"))) {
          last = before.getJsonObject("params");
        }
      }
    }
    return last;
  }

  /** A held call from a 2026-07-28 client of the tasks extension: the gateway's own task. */
  private static String heldTask(JsonObject arguments) throws Exception {
    return TaskCalls.modernTask(held.tenant.id, held.key, TOOL, arguments).getString("taskId");
  }
}
