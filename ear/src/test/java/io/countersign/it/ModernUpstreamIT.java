package io.countersign.it;

import static io.countersign.it.ModernRetries.VERSION;
import static io.countersign.it.ModernRetries.assertInvalidState;
import static io.countersign.it.ModernRetries.message;
import static io.countersign.it.ModernRetries.meta;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An upstream of MCP 2026-07-28 only ({@code e2e/modern-upstream.mjs}, on the official v2 server
 * SDK) behind Countersign: the gateway finds out its era, talks to it by that era's rules (per
 * request {@code _meta}, {@code Mcp-Method} / {@code Mcp-Name}, no session) and bridges its
 * input-required results to clients of both eras: to a 2026-07-28 client under a state of the
 * gateway's that wraps the upstream's, to a 2025-11-25 session as an {@code elicitation/create} on
 * the call's stream. Every call is decided and audited once, held calls included.
 */
class ModernUpstreamIT {

  private static final String TENANT = "modern";
  private static final String ASK = "modern__ask_name";
  private static final String ADA = "{\"name\":\"Ada Lovelace\"}";

  private static NodePeers.Upstream upstream;
  private static CibaTenant tenant;
  private static String key;
  private static String otherKey;

  @BeforeAll
  static void start() throws Exception {
    upstream = NodePeers.Upstream.modern();
    tenant =
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
  void bothOfficialClientsListAndCallTheModernUpstreamsTools() throws Exception {
    for (boolean v2 : new boolean[] {false, true}) {
      JsonObject listed = client(v2, "list-tools");
      assertTrue(listed.getBoolean("ok"), listed.toString());
      String names = listed.getJsonArray("tools").toString();
      assertTrue(
          names.contains("modern__echo")
              && names.contains(ASK)
              && names.contains("modern__delete_records"),
          names);

      JsonObject echoed =
          client(v2, "call-tool", "--name", "modern__echo", "--args", "{\"message\":\"hi\"}");
      assertTrue(echoed.getBoolean("ok"), echoed.toString());
      assertEquals(
          "Echo: hi",
          echoed
              .getJsonObject("result")
              .getJsonArray("content")
              .getJsonObject(0)
              .getString("text"));
      assertEquals(v2 ? VERSION : "2025-11-25", echoed.getString("protocolVersion"));
    }
  }

  @Test
  void theUpstreamGetsTheModernEnvelopeWithWhatTheGatewayCanBridgeForThisAgent() throws Exception {
    for (boolean v2 : new boolean[] {false, true}) {
      JsonObject answer =
          client(v2, "--elicitation", "accept:" + ADA, "call-tool", "--name", "modern__whoami");
      assertTrue(answer.getBoolean("ok"), answer.toString());
      JsonObject seen = answer.getJsonObject("result").getJsonObject("structuredContent");
      JsonObject envelope = seen.getJsonObject("envelope");
      assertEquals(VERSION, envelope.getString("io.modelcontextprotocol/protocolVersion"));
      assertEquals(
          "countersign-gateway",
          envelope.getJsonObject("io.modelcontextprotocol/clientInfo").getString("name"));
      JsonObject capabilities =
          envelope.getJsonObject("io.modelcontextprotocol/clientCapabilities");
      assertTrue(capabilities.containsKey("elicitation"), seen.toString());
      assertEquals("tools/call", seen.getJsonObject("headers").getString("mcp-method"));
      assertEquals("whoami", seen.getJsonObject("headers").getString("mcp-name"));
    }
    // a client that declared nothing is not offered to the upstream as one that can be asked
    JsonObject bare = client(true, "call-tool", "--name", "modern__whoami");
    JsonObject envelope =
        bare.getJsonObject("result").getJsonObject("structuredContent").getJsonObject("envelope");
    assertEquals(
        JsonValue.EMPTY_JSON_OBJECT,
        envelope.getJsonObject("io.modelcontextprotocol/clientCapabilities"));
  }

  @Test
  void anElicitationOfTheModernUpstreamReachesBothClientsAndEachAnswerIsRelayedAsGiven()
      throws Exception {
    long decisions = audited("tool_call.decision");
    long outcomes = audited("tool_call.outcome");
    for (boolean v2 : new boolean[] {false, true}) {
      JsonObject accepted =
          client(v2, "--elicitation", "accept:" + ADA, "call-tool", "--name", ASK);
      assertTrue(accepted.getBoolean("ok"), accepted.toString());
      assertEquals(1, accepted.getJsonArray("elicitations").size(), accepted.toString());
      assertEquals(
          "What is your name?",
          accepted.getJsonArray("elicitations").getJsonObject(0).getString("message"));
      assertEquals("Hello, Ada Lovelace!", text(accepted.getJsonObject("result")));

      JsonObject declined = client(v2, "--elicitation", "decline", "call-tool", "--name", ASK);
      assertTrue(declined.getBoolean("ok"), declined.toString());
      assertEquals("The user declined.", text(declined.getJsonObject("result")));
    }
    assertEquals(decisions + 4, audited("tool_call.decision"), "each call decided once");
    assertEquals(outcomes + 4, audited("tool_call.outcome"), "each call's outcome once");
  }

  @Test
  void aRetryCarriesTheUpstreamsOwnStateOnceAndEveryWrongStateIsInvalidParams() throws Exception {
    long decisions = audited("tool_call.decision");
    long outcomes = audited("tool_call.outcome");

    JsonObject asked = message(post(key, call(null, null))).getJsonObject("result");
    assertEquals("input_required", asked.getString("resultType"), asked.toString());
    assertEquals(
        "elicitation/create",
        asked.getJsonObject("inputRequests").getJsonObject("name").getString("method"));
    String state = asked.getString("requestState");
    assertFalse(state.contains("ask_name"), "the upstream's state stays hidden: " + state);

    int at = state.length() / 2;
    String forged =
        state.substring(0, at) + (state.charAt(at) == 'A' ? 'B' : 'A') + state.substring(at + 1);
    assertInvalidState(post(key, call(forged, answer())), "not valid");
    assertInvalidState(post(otherKey, call(state, answer())), "not valid");
    assertInvalidState(postDemo(call(state, answer())), "not valid");
    // MRTR, "Error Handling": unasked answers are ignored, what was asked is asked again
    JsonObject unasked =
        message(post(key, call(state, Json.createObjectBuilder().add("nonexistent", accept()))))
            .getJsonObject("result");
    assertEquals("input_required", unasked.getString("resultType"), unasked.toString());
    assertEquals(
        "elicitation/create",
        unasked.getJsonObject("inputRequests").getJsonObject("name").getString("method"));
    // no requestState: a new call, decided again; the upstream gets its answers and judges them
    // (this one takes an answer only with a state it minted, so it asks anew)
    JsonObject fresh = message(post(key, call(null, answer()))).getJsonObject("result");
    assertEquals("input_required", fresh.getString("resultType"), fresh.toString());
    JsonObject freshDone =
        message(post(key, call(fresh.getString("requestState"), answer()))).getJsonObject("result");
    assertEquals("Hello, Ada Lovelace!", text(freshDone));

    JsonObject done =
        message(post(key, call(state, answer().add("unknown_extra", accept()))))
            .getJsonObject("result");
    assertEquals("complete", done.getString("resultType"), done.toString());
    // the fixture accepts only a state it minted, once: the upstream got its own back
    assertEquals("Hello, Ada Lovelace!", text(done));

    assertInvalidState(post(key, call(state, answer())), "already used");
    assertEquals(decisions + 2, audited("tool_call.decision"), "each of the two calls once");
    assertEquals(outcomes + 2, audited("tool_call.outcome"), "one outcome each");
  }

  @Test
  void aSessionsInputIsAskedOfThatSessionAloneAndAClientThatCannotAnswerIsNotLeftWaiting()
      throws Exception {
    JsonObject elicitation =
        Json.createObjectBuilder()
            .add("elicitation", Json.createObjectBuilder().add("form", JsonValue.EMPTY_JSON_OBJECT))
            .build();
    var asker = new McpHttp(TENANT, key);
    asker.initialize("2025-11-25", elicitation);
    var sameAgent = new McpHttp(TENANT, key);
    sameAgent.initialize("2025-11-25", elicitation);
    var otherAgent = new McpHttp(TENANT, otherKey);
    otherAgent.initialize("2025-11-25", elicitation);

    JsonObject call =
        asker.request(
            "tools/call",
            Json.createObjectBuilder()
                .add("name", ASK)
                .add("arguments", JsonValue.EMPTY_JSON_OBJECT)
                .build());
    var stream = asker.postStreaming(call.toString());
    assertEquals(200, stream.statusCode());
    var lines = stream.body().iterator();
    JsonObject request = McpHttp.nextMessage(lines);
    assertEquals("elicitation/create", request.getString("method"), request.toString());
    String id = request.getString("id");

    String mallory =
        "{\"jsonrpc\":\"2.0\",\"id\":\""
            + id
            + "\",\"result\":{\"action\":\"accept\",\"content\":{\"name\":\"Mallory\"}}}";
    assertEquals(202, sameAgent.post(mallory, sameAgent.standardHeaders()).statusCode());
    assertEquals(202, otherAgent.post(mallory, otherAgent.standardHeaders()).statusCode());
    String ada = "{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"result\":" + accept() + "}";
    assertEquals(202, asker.post(ada, asker.standardHeaders()).statusCode());
    JsonObject response = McpHttp.nextMessage(lines);
    assertEquals(call.getInt("id"), response.getInt("id"), response.toString());
    assertEquals("Hello, Ada Lovelace!", text(response.getJsonObject("result")));

    // a session that declared no elicitation was offered to the upstream as one that cannot be
    // asked: the upstream's own answer (2026-07-28, MissingRequiredClientCapabilityError) ends
    // the call, and nothing hangs
    var mute = new McpHttp(TENANT, key);
    mute.initialize("2025-11-25");
    JsonObject refused = mute.callTool(ASK, JsonValue.EMPTY_JSON_OBJECT).getJsonObject("error");
    assertEquals(-32021, refused.getInt("code"), refused.toString());
    assertTrue(refused.getString("message").contains("elicitation"), refused.toString());
  }

  @Test
  void promptsAndResourcesOfTheModernUpstreamReachBothEras() throws Exception {
    var legacy = new McpHttp(TENANT, key);
    legacy.initialize("2025-11-25");
    assertTrue(
        legacy
            .call("prompts/list", JsonValue.EMPTY_JSON_OBJECT)
            .toString()
            .contains("modern__greeting"));
    JsonObject prompt =
        legacy.call(
            "prompts/get",
            Json.createObjectBuilder()
                .add("name", "modern__greeting")
                .add("arguments", Json.createObjectBuilder().add("name", "Ada"))
                .build());
    assertTrue(prompt.toString().contains("Please greet Ada."), prompt.toString());
    JsonObject read =
        legacy.call(
            "resources/read", Json.createObjectBuilder().add("uri", "modern://motd").build());
    assertTrue(read.toString().contains("Modern message of the day"), read.toString());

    JsonObject modernRead = modernRead("modern://motd");
    assertTrue(modernRead.toString().contains("Modern message of the day"), modernRead.toString());

    JsonObject unknown = modernRead("modern://nowhere");
    // 2026-07-28 Resources, "Error Handling": -32602, the URI in data.uri
    assertEquals(-32602, unknown.getJsonObject("error").getInt("code"), unknown.toString());
    assertEquals(
        "modern://nowhere",
        unknown.getJsonObject("error").getJsonObject("data").getString("uri"),
        unknown.toString());
  }

  @Test
  void aHeldCallToTheModernUpstreamWaitsForApprovalAndIsForwardedOnce() throws Exception {
    long before = runs("delete_records");
    String url = ItEnvironment.baseUrl() + "/t/" + TENANT + "/mcp";
    for (boolean v2 : new boolean[] {false, true}) {
      int year = v2 ? 1996 : 1995;
      CompletableFuture<JsonObject> call =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  String[] args = {
                    "call-tool",
                    "--name",
                    "modern__delete_records",
                    "--args",
                    "{\"year\":" + year + "}",
                    "--timeout-ms",
                    "120000"
                  };
                  return v2
                      ? NodePeers.sdk2Client(url, key, args)
                      : NodePeers.sdkClient(url, key, args);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      JsonObject held = awaitInbox("dave", year);
      assertFalse(call.isDone(), "the call waits for its approval");
      assertEquals(
          before + (v2 ? 1 : 0), runs("delete_records"), "nothing ran before the approval");
      assertEquals(200, tenant.approve("dave", held).statusCode());
      JsonObject result = call.get(60, TimeUnit.SECONDS);
      assertTrue(result.getBoolean("ok"), result.toString());
      assertEquals("Deleted the records of " + year, text(result.getJsonObject("result")));
    }
    assertEquals(before + 2, runs("delete_records"), "each approved call ran exactly once");
  }

  // --- helpers

  private static JsonObject client(boolean v2, String... command) throws Exception {
    String url = ItEnvironment.baseUrl() + "/t/" + TENANT + "/mcp";
    return v2 ? NodePeers.sdk2Client(url, key, command) : NodePeers.sdkClient(url, key, command);
  }

  /** How often the upstream ran a tool, asked through the gateway. */
  private static long runs(String tool) throws Exception {
    JsonObject counted =
        client(
            false,
            "call-tool",
            "--name",
            "modern__count_calls",
            "--args",
            "{\"tool\":\"" + tool + "\"}");
    return counted
        .getJsonObject("result")
        .getJsonObject("structuredContent")
        .getJsonNumber("runs")
        .longValue();
  }

  private static JsonObject awaitInbox(String approver, int year) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      for (JsonValue item : tenant.inbox(approver)) {
        if (item.toString().contains(String.valueOf(year))) {
          return item.asJsonObject();
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no request for " + year + " in " + approver + "'s inbox");
  }

  private static String text(JsonObject result) {
    return result.getJsonArray("content").getJsonObject(0).getString("text");
  }

  private static long audited(String eventType) throws Exception {
    return Database.count(
        "SELECT COUNT(*) FROM audit_log_entry WHERE tenant_id = ? AND event_type = ?"
            + " AND tool_name = 'ask_name'",
        TENANT,
        eventType);
  }

  private static JsonObject accept() {
    return ModernRetries.accepted(ADA);
  }

  private static JsonObjectBuilder answer() {
    return Json.createObjectBuilder().add("name", accept());
  }

  /** A 2026-07-28 resources/read of {@code uri}, as the agent sends it. */
  private static JsonObject modernRead(String uri) throws Exception {
    return message(
        new McpHttp(TENANT, key)
            .post(
                ModernRetries.request(
                        "resources/read",
                        Json.createObjectBuilder()
                            .add("uri", uri)
                            .add("_meta", meta(JsonValue.EMPTY_JSON_OBJECT)))
                    .toString(),
                ModernRetries.headers(key, "resources/read", uri)));
  }

  /** The 2026-07-28 tools/call of ask_name, or its retry with a state and answers. */
  private static JsonObject call(String state, JsonObjectBuilder responses) {
    return ModernRetries.call(ASK, state, responses);
  }

  private static HttpResponse<String> post(String bearer, JsonObject body) throws Exception {
    return ModernRetries.post(TENANT, bearer, ASK, body);
  }

  private static HttpResponse<String> postDemo(JsonObject body) throws Exception {
    return ModernRetries.post("demo", ItEnvironment.demoAgentKey(), ASK, body);
  }
}
