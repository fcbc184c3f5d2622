package io.countersign.it;

import static io.countersign.it.ModernRetries.assertInvalidState;
import static io.countersign.it.ModernRetries.message;
import static io.countersign.it.ModernRetries.meta;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Elicitation through Countersign. An upstream of MCP 2025-11-25 (server-everything) asks for input
 * with {@code elicitation/create} while it works on a {@code tools/call}:
 *
 * <ul>
 *   <li>a 2025-11-25 client gets the request on its call's stream, and only that session's answer
 *       reaches the upstream;
 *   <li>a 2026-07-28 client gets an input-required result with a sealed {@code requestState},
 *       answers with {@code inputResponses}, and the upstream's waiting request gets that answer.
 *       Every way of getting the retry wrong gets invalid params, and the call is decided and
 *       audited once.
 * </ul>
 */
class ElicitationIT {

  private static final String TOOL = "everything__trigger-elicitation-request";
  private static final String ADA = "{\"name\":\"Ada Lovelace\",\"check\":true}";

  private static NodePeers.Upstream everything;
  private static String key;
  private static String otherKey;

  @BeforeAll
  static void start() throws Exception {
    everything = NodePeers.Upstream.everything();
    OperatorApi.importBundle(
        "bridge",
        OperatorApi.bundle("bridge-tenant.yaml", Map.of("EVERYTHING_URL", everything.url)));
    key = OperatorApi.issueKey("bridge", "bridge-agent");
    otherKey = OperatorApi.issueKey("bridge", "bridge-other");
  }

  @AfterAll
  static void stop() throws Exception {
    if (everything != null) {
      everything.close();
    }
  }

  @Test
  void theOfficialV2ClientAnswersALegacyUpstreamsElicitation() throws Exception {
    JsonObject accepted =
        NodePeers.sdk2Client(
            url(), key, "--elicitation", "accept:" + ADA, "call-tool", "--name", TOOL);
    assertTrue(accepted.getBoolean("ok"), accepted.toString());
    assertEquals(1, accepted.getJsonArray("elicitations").size(), accepted.toString());
    assertTrue(
        accepted.getJsonObject("result").toString().contains("Ada Lovelace"), accepted.toString());

    JsonObject declined =
        NodePeers.sdk2Client(url(), key, "--elicitation", "decline", "call-tool", "--name", TOOL);
    assertTrue(declined.getBoolean("ok"), declined.toString());
    assertTrue(
        declined.getJsonObject("result").toString().contains("declined"), declined.toString());

    JsonObject legacy =
        NodePeers.sdkClient(
            url(), key, "--elicitation", "accept:" + ADA, "call-tool", "--name", TOOL);
    assertTrue(legacy.getBoolean("ok"), legacy.toString());
    assertTrue(
        legacy.getJsonObject("result").toString().contains("Ada Lovelace"), legacy.toString());
  }

  @Test
  void aRetryContinuesTheSameCallOnceAndEveryWrongStateIsInvalidParams() throws Exception {
    long decisions = audited("tool_call.decision");
    long outcomes = audited("tool_call.outcome");

    JsonObject first = message(post(key, call(null, null)));
    JsonObject asked = first.getJsonObject("result");
    assertEquals("input_required", asked.getString("resultType"), first.toString());
    JsonObject request = asked.getJsonObject("inputRequests").getJsonObject("elicitation");
    assertEquals("elicitation/create", request.getString("method"), asked.toString());
    assertFalse(request.containsKey("id"), "an input request carries no JSON-RPC id");
    String state = asked.getString("requestState");

    // forged: one character changed, in the middle (the last one may carry only unused bits)
    int at = state.length() / 2;
    char middle = state.charAt(at);
    String forged = state.substring(0, at) + (middle == 'A' ? 'B' : 'A') + state.substring(at + 1);
    assertInvalidState(post(key, call(forged, answer())), "not valid");
    // someone else's state: another agent of the same tenant, and another tenant
    assertInvalidState(post(otherKey, call(state, answer())), "not valid");
    assertInvalidState(postDemo(call(state, answer())), "not valid");
    // the retry must repeat the original request
    JsonObject otherArguments =
        Json.createObjectBuilder(call(state, answer()))
            .add(
                "params",
                Json.createObjectBuilder(call(state, answer()).getJsonObject("params"))
                    .add("arguments", Json.createObjectBuilder().add("extra", 1)))
            .build();
    assertInvalidState(post(key, otherArguments), "another call");
    // MRTR, "Error Handling": answers to requests that were never asked are ignored, and what
    // was asked is asked again
    JsonObject unasked =
        message(post(key, call(state, Json.createObjectBuilder().add("nonexistent", accept()))))
            .getJsonObject("result");
    assertEquals("input_required", unasked.getString("resultType"), unasked.toString());
    // inputResponses without a requestState answer nothing the gateway asked: a new call, decided
    // as any other, whose upstream asks anew
    JsonObject fresh = message(post(key, call(null, answer()))).getJsonObject("result");
    assertEquals("input_required", fresh.getString("resultType"), fresh.toString());
    JsonObject freshDone =
        message(post(key, call(fresh.getString("requestState"), answer()))).getJsonObject("result");
    assertEquals("complete", freshDone.getString("resultType"), freshDone.toString());

    // no answer at all: the same input is asked again, under a new state
    JsonObject again = message(post(key, call(state, null))).getJsonObject("result");
    assertEquals("input_required", again.getString("resultType"), again.toString());
    assertNotEquals(state, again.getString("requestState"));

    // none of that consumed the state: the right retry completes the call, extra keys ignored
    var done = post(key, call(state, answer().add("unknown_extra", accept())));
    JsonObject result = message(done).getJsonObject("result");
    assertEquals("complete", result.getString("resultType"), result.toString());
    assertTrue(result.toString().contains("Ada Lovelace"), result.toString());

    // replayed
    assertInvalidState(post(key, call(state, answer())), "already used");
    assertInvalidState(post(key, call(again.getString("requestState"), answer())), "already used");

    assertEquals(decisions + 2, audited("tool_call.decision"), "each of the two calls once");
    assertEquals(outcomes + 2, audited("tool_call.outcome"), "one outcome each");
  }

  @Test
  void aClientThatNeverComesBackLetsTheUpstreamGoAndTheOutcomeIsAudited() throws Exception {
    long notGiven = auditedOutcome("input_not_given");
    String state =
        message(post(key, call(null, null))).getJsonObject("result").getString("requestState");
    // countersign.mcp.input-wait is PT8S in the tests; the timer ticks every second
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (auditedOutcome("input_not_given") == notGiven && System.nanoTime() < deadline) {
      Thread.sleep(250);
    }
    assertEquals(notGiven + 1, auditedOutcome("input_not_given"));
    assertInvalidState(post(key, call(state, answer())), "expired");
  }

  @Test
  void aClientWithoutTheCapabilityIsNotAskedAndTheUpstreamIsNotLeftWaiting() throws Exception {
    JsonObject call = call(null, null);
    JsonObject withoutCapabilities =
        Json.createObjectBuilder(call)
            .add(
                "params",
                Json.createObjectBuilder(call.getJsonObject("params"))
                    .add("_meta", meta(JsonValue.EMPTY_JSON_OBJECT)))
            .build();
    JsonObject response = message(post(key, withoutCapabilities));
    JsonObject result = response.getJsonObject("result");
    assertEquals("complete", result.getString("resultType"), response.toString());
    assertFalse(result.toString().contains("input_required"), response.toString());
  }

  @Test
  void aLegacySessionsElicitationIsAnsweredByThatSessionAlone() throws Exception {
    JsonObject elicitation =
        Json.createObjectBuilder()
            .add("elicitation", Json.createObjectBuilder().add("form", JsonValue.EMPTY_JSON_OBJECT))
            .build();
    var asker = new McpHttp("bridge", key);
    asker.initialize("2025-11-25", elicitation);
    var sameAgent = new McpHttp("bridge", key);
    sameAgent.initialize("2025-11-25", elicitation);
    var otherAgent = new McpHttp("bridge", otherKey);
    otherAgent.initialize("2025-11-25", elicitation);

    var call =
        asker.request(
            "tools/call",
            Json.createObjectBuilder()
                .add("name", TOOL)
                .add("arguments", JsonValue.EMPTY_JSON_OBJECT)
                .build());
    var stream = asker.postStreaming(call.toString());
    assertEquals(200, stream.statusCode());
    var lines = stream.body().iterator();
    JsonObject asked = McpHttp.nextMessage(lines);
    assertEquals("elicitation/create", asked.getString("method"), asked.toString());
    String id = asked.getString("id");
    assertTrue(id.startsWith("cs-sr-"), "the gateway's own id: " + id);

    // the same id answered from another session of the same agent, and from another agent
    String mallory =
        "{\"jsonrpc\":\"2.0\",\"id\":\""
            + id
            + "\",\"result\":{\"action\":\"accept\",\"content\":{\"name\":\"Mallory\",\"check\":true}}}";
    assertEquals(202, sameAgent.post(mallory, sameAgent.standardHeaders()).statusCode());
    assertEquals(202, otherAgent.post(mallory, otherAgent.standardHeaders()).statusCode());

    String ada = "{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"result\":" + accept() + "}";
    assertEquals(202, asker.post(ada, asker.standardHeaders()).statusCode());
    JsonObject response = McpHttp.nextMessage(lines);
    assertEquals(call.getInt("id"), response.getInt("id"), response.toString());
    String text = response.getJsonObject("result").toString();
    assertTrue(text.contains("Ada Lovelace") && !text.contains("Mallory"), text);
  }

  // --- helpers

  /** The next JSON-RPC message of an SSE stream read line by line. */
  private static String url() {
    return ItEnvironment.baseUrl() + "/t/bridge/mcp";
  }

  private static long audited(String eventType) throws Exception {
    return Database.count(
        "SELECT COUNT(*) FROM audit_log_entry WHERE tenant_id = 'bridge' AND event_type = ?"
            + " AND tool_name = 'trigger-elicitation-request'",
        eventType);
  }

  private static long auditedOutcome(String outcome) throws Exception {
    return Database.count(
        "SELECT COUNT(*) FROM audit_log_entry WHERE tenant_id = 'bridge'"
            + " AND event_type = 'tool_call.outcome' AND outcome = ?",
        outcome);
  }

  private static JsonObject accept() {
    return ModernRetries.accepted(ADA);
  }

  private static JsonObjectBuilder answer() {
    return Json.createObjectBuilder().add("elicitation", accept());
  }

  /** The tools/call, or its retry with a state and answers. */
  private static JsonObject call(String state, JsonObjectBuilder responses) {
    return ModernRetries.call(TOOL, state, responses);
  }

  private static HttpResponse<String> post(String bearer, JsonObject body) throws Exception {
    return ModernRetries.post("bridge", bearer, TOOL, body);
  }

  private static HttpResponse<String> postDemo(JsonObject body) throws Exception {
    String demoKey = ItEnvironment.demoAgentKey();
    return ModernRetries.post("demo", demoKey, TOOL, body);
  }
}
