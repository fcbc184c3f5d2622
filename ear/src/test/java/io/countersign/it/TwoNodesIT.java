package io.countersign.it;

import static io.countersign.it.HeldFixture.count;
import static io.countersign.it.HeldFixture.deleteArgs;
import static io.countersign.it.HeldFixture.deleteOrders;
import static io.countersign.it.HeldFixture.insertOrders;
import static io.countersign.it.HeldFixture.orders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Two Countersign nodes on one PostgreSQL. The agent's call waits on node B; the approver decides
 * through node A, whose provider pings the gateway at the deployment's address (node A here), so
 * node A settles and forwards the call; node B hears of it by PostgreSQL NOTIFY and answers its
 * agent. Node B's timer is set to an hour, so no refresh of its own can deliver the outcome: only
 * the wake-up can. A stream's kept events stay on the node that sent them: a resumption that
 * reaches the other node is told so.
 */
@EnabledIf("io.countersign.it.ItEnvironment#onPostgres")
class TwoNodesIT {

  private static HeldFixture held;
  private static SecondNode nodeB;

  @BeforeAll
  static void start() throws Exception {
    held = HeldFixture.create("held-nodes");
    nodeB =
        SecondNode.start(
            Map.of(
                // demo mode would point the demo tenant's upstream at this node's port
                "countersign.demo.enabled", "false",
                "countersign.gateway.self-url", ItEnvironment.baseUrl(),
                "countersign.gateway.tick", "PT1H",
                "countersign.gateway.hold-time", "PT90S"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (held != null) {
      held.close();
    }
    if (nodeB != null) {
      nodeB.close();
    }
  }

  @Test
  void aCallWaitingOnNodeBCompletesWhenDecidedOnNodeA() throws Exception {
    int year = 1975;
    insertOrders(year, "paid", 3);
    try {
      McpHttp onB = held.mcp(nodeB.baseUrl, "2025-11-25");
      CompletableFuture<JsonObject> call = held.rawCall(onB, deleteArgs("paid", year + 1));
      JsonObject request = held.awaitInbox("dave", year + 1);
      String id = held.heldCallId(year + 1);
      HeldFixture.awaitState(id, "PENDING");

      assertEquals(200, held.tenant.approve("dave", request).statusCode(), "decided on node A");

      JsonObject result = call.get(60, TimeUnit.SECONDS).getJsonObject("result");
      assertFalse(result.getBoolean("isError", false), result.toString());
      assertTrue(result.toString().contains("deleted: 3"), "delivered on node B: " + result);
      assertEquals(0, orders(year));
      assertEquals(
          1,
          count(
              "SELECT COUNT(*) FROM audit_log_entry WHERE correlation_id = ?"
                  + " AND event_type = 'tool_call.forwarded'",
              id),
          "forwarded once");
      assertEquals(1, count("SELECT COUNT(*) FROM held_call WHERE id = ? AND delivered", id));
    } finally {
      deleteOrders(year);
    }
  }

  @Test
  void aResumptionThatReachesTheOtherNodeIsToldWhereTheEventsAre() throws Exception {
    McpHttp onB = held.mcp(nodeB.baseUrl, "2025-11-25");
    JsonObject call =
        onB.request(
            "tools/call",
            jakarta.json.Json.createObjectBuilder()
                .add("name", "shop__delete_orders")
                .add("arguments", deleteArgs("paid", 1989))
                .build());
    var stream = onB.postStreaming(call.toString());
    try (var lines = stream.body()) {
      String priming =
          lines
              .filter(line -> line.startsWith("id: "))
              .findFirst()
              .orElseThrow()
              .substring(4)
              .trim();
      var headers = new java.util.LinkedHashMap<>(onB.standardHeaders());
      headers.put("Accept", "text/event-stream");
      headers.put("Last-Event-ID", priming);
      var builder =
          java.net.http.HttpRequest.newBuilder(
                  java.net.URI.create(ItEnvironment.baseUrl() + "/t/" + held.tenant.id + "/mcp"))
              .GET();
      headers.forEach(builder::header);
      var onA =
          java.net.http.HttpClient.newHttpClient()
              .send(builder.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(421, onA.statusCode(), onA.body());
      assertTrue(onA.body().contains("another gateway node"), onA.body());
    } finally {
      onB.post(
          "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":"
              + call.get("id")
              + "}}",
          onB.standardHeaders());
    }
  }
}
