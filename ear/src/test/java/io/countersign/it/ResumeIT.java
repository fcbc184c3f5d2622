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
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Resumable streams (MCP 2025-11-25, "Resumability and Redelivery") end to end: the official
 * TypeScript SDK client has its {@code tools/call} stream cut after the priming event and resumes
 * it on its own with GET and {@code Last-Event-ID}, for a plain call and for a call held for
 * approval that is approved while the agent is away; each result arrives once and the upstream ran
 * once. Then what a resumption must refuse: forged and altered ids, another session's, another
 * tenant's, a session without resumability.
 */
class ResumeIT {

  private static final String PLAIN = "resume-plain";

  private static NodePeers.Upstream fixture;
  private static String plainKey;
  private static HeldFixture held;

  @BeforeAll
  static void start() throws Exception {
    fixture = NodePeers.Upstream.conformance();
    OperatorApi.importBundle(
        PLAIN,
        OperatorApi.bundle(
            "resume-tenant.yaml", Map.of("TENANT", PLAIN, "FIXTURE_URL", fixture.url)));
    plainKey = OperatorApi.issueKey(PLAIN, PLAIN + "-agent");
    held = HeldFixture.create("resume-held");
  }

  @AfterAll
  static void stop() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
    if (held != null) {
      held.close();
    }
  }

  @Test
  void plainCallWhenStreamDropsThenSdkResumesAndGetsEveryMissedMessageOnce() throws Exception {
    long outcomes = outcomes(PLAIN);
    try (var client =
        ResumingClient.start(
            endpoint(PLAIN), plainKey, "test_tool_with_progress", "{}", "--progress")) {
      JsonObject dropped = client.event();
      assertEquals("dropped", dropped.getString("event"), dropped.toString());
      assertTrue(dropped.getString("lastEventId").endsWith(".0"), "the priming event's id");
      JsonObject done = client.done();
      assertTrue(done.getBoolean("ok"), done.toString());
      assertTrue(done.toString().contains("Progress reported: 0, 50, 100"), done.toString());
      assertEquals(3, done.getInt("progress"), "every progress notification once");
      JsonObject resumption = done.getJsonObject("resumption");
      assertEquals(1, resumption.getInt("responsesSeen"), "the result once");
      assertEquals(200, resumption.getJsonArray("gets").getJsonObject(0).getInt("status"));
      assertEquals(
          dropped.getString("lastEventId"),
          resumption.getJsonArray("gets").getJsonObject(0).getString("lastEventId"));
    }
    assertEquals(outcomes + 1, outcomes(PLAIN), "the upstream was called once");
  }

  @Test
  void heldCallWhenStreamDropsAndApprovedWhileAgentIsAwayThenResultOnceAndRanOnce()
      throws Exception {
    int year = 1987;
    insertOrders(year, "paid", 2);
    try (var client =
        ResumingClient.start(
            endpoint(held.tenant.id),
            held.key,
            "shop__delete_orders",
            deleteArgs("paid", year + 1).toString(),
            "--hold-reconnect")) {
      assertEquals("dropped", client.event().getString("event"));
      JsonObject reconnecting = client.event();
      assertEquals("reconnecting", reconnecting.getString("event"), reconnecting.toString());
      // the agent is away: the call is not cancelled, the approver approves, it runs
      JsonObject request = held.awaitInbox("dave", year + 1);
      assertEquals(200, held.tenant.approve("dave", request).statusCode());
      String heldId = held.heldCallId(year + 1);
      awaitState(heldId, "COMPLETED");
      assertEquals(0, orders(year), "the approved call ran while the agent was away");
      client.resume();
      JsonObject done = client.done();
      assertTrue(done.getBoolean("ok"), done.toString());
      JsonObject result = done.getJsonObject("result");
      assertFalse(result.getBoolean("isError", false), result.toString());
      assertTrue(result.toString().contains("deleted: 2"), result.toString());
      assertEquals(1, done.getJsonObject("resumption").getInt("responsesSeen"), "the result once");
      assertEquals(
          1,
          count(
              "SELECT COUNT(*) FROM audit_log_entry WHERE correlation_id = ?"
                  + " AND event_type = 'tool_call.forwarded'",
              heldId),
          "forwarded once");
      assertEquals(1, count("SELECT COUNT(*) FROM held_call WHERE id = ? AND delivered", heldId));
    } finally {
      deleteOrders(year);
    }
  }

  @Test
  void resumeWhenStreamEndedThenTheMissedResponseIsReplayedOnce() throws Exception {
    McpHttp mcp = session(PLAIN, plainKey, "2025-11-25");
    var call = mcp.post(mcp.toolCall("test_simple_text").toString(), mcp.standardHeaders());
    List<String> ids = eventIds(call.body());
    assertTrue(call.body().startsWith("id: "), "the priming event comes first: " + call.body());
    assertEquals(2, ids.size(), call.body());
    var replay = resume(mcp, ids.get(0));
    assertEquals(200, replay.statusCode(), replay.body());
    assertTrue(replay.body().contains("\"result\""), replay.body());
    assertEquals(List.of(ids.get(1)), eventIds(replay.body()), "exactly the missed event");
    var nothing = resume(mcp, ids.get(1));
    assertEquals(200, nothing.statusCode());
    assertEquals(List.of(), eventIds(nothing.body()), "nothing after the last event");
  }

  @Test
  void resumeWithForgedOrAlteredEventIdThenBadRequestSayingWhy() throws Exception {
    McpHttp mcp = session(PLAIN, plainKey, "2025-11-25");
    String priming = primingIdOfACall(mcp);
    int middle = priming.length() / 3;
    String altered =
        priming.substring(0, middle)
            + (priming.charAt(middle) == 'A' ? 'B' : 'A')
            + priming.substring(middle + 1);
    for (String forged : List.of("1", "forged.1", altered, priming.replaceAll("\\.0$", ".99"))) {
      var refused = resume(mcp, forged);
      assertEquals(400, refused.statusCode(), forged + ": " + refused.body());
      assertTrue(refused.body().contains("Cannot resume"), refused.body());
    }
  }

  @Test
  void resumeWithAnotherSessionsEventIdThenBadRequestAndNothingReplayed() throws Exception {
    McpHttp victim = session(PLAIN, plainKey, "2025-11-25");
    String priming = primingIdOfACall(victim);
    McpHttp attacker = session(PLAIN, plainKey, "2025-11-25");
    var refused = resume(attacker, priming);
    assertEquals(400, refused.statusCode(), refused.body());
    assertFalse(refused.body().contains("result"), refused.body());
    assertTrue(refused.body().contains("not an event id of this session"), refused.body());
  }

  @Test
  void resumeWithAnotherTenantsEventIdThenBadRequest() throws Exception {
    McpHttp plain = session(PLAIN, plainKey, "2025-11-25");
    String priming = primingIdOfACall(plain);
    McpHttp other = held.mcp("2025-11-25");
    var refused = resume(other, priming);
    assertEquals(400, refused.statusCode(), refused.body());
  }

  @Test
  void sessionOf20250618ThenStreamsWithoutIdsAndNoResumption() throws Exception {
    McpHttp mcp = session(PLAIN, plainKey, "2025-06-18");
    var call = mcp.post(mcp.toolCall("test_simple_text").toString(), mcp.standardHeaders());
    assertEquals(List.of(), eventIds(call.body()), call.body());
    var refused = resume(mcp, "anything.1");
    assertEquals(400, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("2025-11-25"), refused.body());
  }

  @Test
  void postWhenVersionHeaderSupportedButNotTheNegotiatedOneThenAcceptedAndTheSessionsVersionRules()
      throws Exception {
    McpHttp mcp = session(PLAIN, plainKey, "2025-11-25");
    Map<String, String> headers = new LinkedHashMap<>(mcp.standardHeaders());
    headers.put("MCP-Protocol-Version", "2025-03-26");
    var call = mcp.post(mcp.toolCall("test_simple_text").toString(), headers);
    assertEquals(200, call.statusCode(), call.body());
    assertTrue(call.body().startsWith("id: "), "still a 2025-11-25 stream: " + call.body());
    headers.put("MCP-Protocol-Version", "2024-13-99");
    assertEquals(400, mcp.post(mcp.toolCall("test_simple_text").toString(), headers).statusCode());
  }

  @Test
  void resumeAfterTheSessionEndedThenNotFound() throws Exception {
    McpHttp mcp = session(PLAIN, plainKey, "2025-11-25");
    String priming = primingIdOfACall(mcp);
    var headers = mcp.standardHeaders();
    assertEquals(
        204, mcp.send("DELETE", HttpRequest.BodyPublishers.noBody(), headers).statusCode());
    assertEquals(404, resume(mcp, priming).statusCode());
  }

  private static McpHttp session(String tenant, String key, String version) throws Exception {
    McpHttp mcp = new McpHttp(tenant, key);
    mcp.initialize(version);
    return mcp;
  }

  /** The id of the priming event of a finished {@code tools/call} stream of the session. */
  private static String primingIdOfACall(McpHttp mcp) throws Exception {
    var call = mcp.post(mcp.toolCall("test_simple_text").toString(), mcp.standardHeaders());
    assertEquals(200, call.statusCode(), call.body());
    return eventIds(call.body()).get(0);
  }

  private static HttpResponse<String> resume(McpHttp mcp, String lastEventId) throws Exception {
    Map<String, String> headers = new LinkedHashMap<>(mcp.standardHeaders());
    headers.remove("Content-Type");
    headers.put("Accept", "text/event-stream");
    headers.put("Last-Event-ID", lastEventId);
    return mcp.send("GET", HttpRequest.BodyPublishers.noBody(), headers);
  }

  private static List<String> eventIds(String sse) {
    List<String> ids = new ArrayList<>();
    for (String line : sse.split("\n")) {
      if (line.startsWith("id: ")) {
        ids.add(line.substring(4).trim());
      }
    }
    return ids;
  }

  private static String endpoint(String tenant) {
    return ItEnvironment.baseUrl() + "/t/" + tenant + "/mcp";
  }

  private static long outcomes(String tenant) throws Exception {
    return count(
        "SELECT COUNT(*) FROM audit_log_entry WHERE tenant_id = ? AND event_type = 'tool_call.outcome'",
        tenant);
  }

  /**
   * {@code e2e/sdk-client.mjs call-tool --drop-after-priming}: the official SDK client whose call
   * stream drops; its events arrive as JSON lines on stderr, its result as one document on stdout.
   */
  private static final class ResumingClient implements AutoCloseable {
    private final Process process;
    private final java.util.concurrent.BlockingQueue<JsonObject> events =
        new java.util.concurrent.LinkedBlockingQueue<>();
    private final OutputStream in;

    private ResumingClient(Process process) {
      this.process = process;
      this.in = process.getOutputStream();
      Thread reader =
          new Thread(
              () -> {
                try (var err =
                    new BufferedReader(
                        new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                  for (String line = err.readLine(); line != null; line = err.readLine()) {
                    if (line.startsWith("{\"event\"")) {
                      events.add(Json.createReader(new StringReader(line)).readObject());
                    } else {
                      System.err.println(line);
                    }
                  }
                } catch (java.io.IOException e) {
                  // the process ended
                }
              });
      reader.setDaemon(true);
      reader.start();
    }

    static ResumingClient start(
        String url, String key, String tool, String arguments, String... options) throws Exception {
      List<String> command =
          new ArrayList<>(
              List.of(
                  "node",
                  "sdk-client.mjs",
                  "--url",
                  url,
                  "--bearer",
                  key,
                  "--timeout-ms",
                  "120000",
                  "call-tool",
                  "--name",
                  tool,
                  "--args",
                  arguments,
                  "--drop-after-priming"));
      command.addAll(List.of(options));
      return new ResumingClient(
          new ProcessBuilder(command).directory(ItEnvironment.e2eDirectory().toFile()).start());
    }

    /** The next event the client reports; fails after 90 s. */
    JsonObject event() throws Exception {
      JsonObject event = events.poll(90, TimeUnit.SECONDS);
      if (event == null) {
        throw new AssertionError("sdk-client.mjs reported no further event");
      }
      return event;
    }

    /** Lets the held reconnection go. */
    void resume() throws Exception {
      in.write("resume\n".getBytes(StandardCharsets.UTF_8));
      in.flush();
    }

    /** The client's one output document, once it ended. */
    JsonObject done() throws Exception {
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        throw new AssertionError("sdk-client.mjs did not end");
      }
      return Json.createReader(new StringReader(new String(out, StandardCharsets.UTF_8)))
          .readObject();
    }

    @Override
    public void close() throws Exception {
      in.close();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
