package io.countersign.it;

import static io.countersign.it.HeldFixture.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code confirm} action end to end: the requesting user confirms a configuration change in
 * their own client, by an elicitation (official v1 client, 2025-11-25) or an input-required result
 * (official v2 client, 2026-07-28); the demo upstream's configuration rows show what really ran.
 */
class ConfirmIT {

  private static final String TOOL = "shop__update_config";

  private static HeldFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    fixture = HeldFixture.create("confirm");
  }

  @AfterAll
  static void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void confirmedThroughAnElicitationThenTheCallRunsOnceAndTheAnswerIsAudited() throws Exception {
    String key = "it.confirm.v1-accept";
    JsonObject out = peer("sdk", "accept:{}", args("staging", key, "on"));
    assertTrue(out.getBoolean("ok"), out.toString());
    assertFalse(out.getJsonObject("result").getBoolean("isError", false), out.toString());
    assertEquals(
        "Change the staging configuration?",
        out.getJsonArray("elicitations").getJsonObject(0).getString("message"),
        "the rule's message is what the user reads");
    assertEquals("on", configValue("staging", key));
    String callId = latestCallId();
    List<String> expected =
        List.of("tool_call.decision", "tool_call.confirmation", "tool_call.outcome");
    // the outcome is recorded as the stream ends, which may be just after the client read it
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!fixture.auditTypes(callId).equals(expected) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertEquals(expected, fixture.auditTypes(callId));
    assertEquals(
        1,
        count(
            "SELECT COUNT(*) FROM audit_log_entry WHERE correlation_id = ?"
                + " AND event_type = 'tool_call.confirmation' AND outcome = 'confirmed'",
            callId));
  }

  @Test
  void declinedOrUnaskableThenNothingRuns() throws Exception {
    String declinedKey = "it.confirm.v1-decline";
    JsonObject declined = peer("sdk", "decline", args("staging", declinedKey, "x"));
    JsonObject result = declined.getJsonObject("result");
    assertTrue(result.getBoolean("isError"), declined.toString());
    assertTrue(result.toString().contains("You declined this call"), declined.toString());
    assertEquals(null, configValue("staging", declinedKey));
    assertEquals(
        1,
        count(
            "SELECT COUNT(*) FROM audit_log_entry WHERE correlation_id = ?"
                + " AND event_type = 'tool_call.confirmation' AND outcome = 'declined'",
            latestCallId()));

    String unaskedKey = "it.confirm.v1-no-capability";
    JsonObject unasked = peer("sdk", null, args("staging", unaskedKey, "x"));
    assertTrue(unasked.getJsonObject("result").getBoolean("isError"), unasked.toString());
    assertTrue(unasked.toString().contains("cannot be asked"), unasked.toString());
    assertEquals(null, configValue("staging", unaskedKey));
  }

  @Test
  void confirmedOrDeclinedThroughAnInputRequiredResultWithTheV2Client() throws Exception {
    String key = "it.confirm.v2-accept";
    JsonObject out = peer("sdk2", "accept:{}", args("dev", key, "1"));
    assertTrue(out.getBoolean("ok"), out.toString());
    assertFalse(out.getJsonObject("result").getBoolean("isError", false), out.toString());
    String asked = out.getJsonArray("elicitations").getJsonObject(0).getString("message");
    assertTrue(asked.startsWith("Allow agent confirm-agent to run update_config"), asked);
    assertEquals("1", configValue("dev", key));

    String declinedKey = "it.confirm.v2-decline";
    JsonObject declined = peer("sdk2", "decline", args("dev", declinedKey, "1"));
    assertTrue(declined.getJsonObject("result").getBoolean("isError"), declined.toString());
    assertEquals(null, configValue("dev", declinedKey));
  }

  /**
   * The question belongs to the session that made the call: another session's answer is dropped.
   */
  @Test
  void anotherSessionsAnswerIsDroppedAndTheCallersDeclineEndsTheCall() throws Exception {
    String key = "it.confirm.sessions";
    JsonObject elicitation =
        Json.createObjectBuilder()
            .add("elicitation", Json.createObjectBuilder().add("form", JsonValue.EMPTY_JSON_OBJECT))
            .build();
    McpHttp caller = new McpHttp(fixture.tenant.id, fixture.key);
    caller.initialize("2025-11-25", elicitation);
    McpHttp intruder = new McpHttp(fixture.tenant.id, fixture.key);
    intruder.initialize("2025-11-25", elicitation);

    JsonObject call =
        caller.request(
            "tools/call",
            Json.createObjectBuilder()
                .add("name", TOOL)
                .add("arguments", args("staging", key, "intruded"))
                .build());
    var stream = caller.postStreaming(call.toString());
    assertEquals(200, stream.statusCode());
    var lines = stream.body().iterator();
    JsonObject asked = McpHttp.nextMessage(lines);
    assertEquals("elicitation/create", asked.getString("method"), asked.toString());
    String id = asked.getString("id");

    String accept =
        "{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"result\":{\"action\":\"accept\"}}";
    assertEquals(202, intruder.post(accept, intruder.standardHeaders()).statusCode());
    Thread.sleep(500);
    assertEquals(null, configValue("staging", key), "another session cannot confirm");

    String decline =
        "{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"result\":{\"action\":\"decline\"}}";
    assertEquals(202, caller.post(decline, caller.standardHeaders()).statusCode());
    JsonObject response = McpHttp.nextMessage(lines);
    assertEquals(call.getInt("id"), response.getInt("id"), response.toString());
    assertTrue(response.toString().contains("You declined this call"), response.toString());
    assertEquals(null, configValue("staging", key));
  }

  /** A 2026-07-28 state is good once, for its own call only; a forged one is refused. */
  @Test
  void aConfirmationStateIsSingleUseAndBoundToItsCall() throws Exception {
    String key = "it.confirm.raw";
    JsonObject asked = modern(args("dev", key, "a"), null, null);
    JsonObject result = asked.getJsonObject("result");
    assertEquals("input_required", result.getString("resultType"), asked.toString());
    assertEquals(
        "elicitation/create",
        result.getJsonObject("inputRequests").getJsonObject("confirm").getString("method"));
    String state = result.getString("requestState");

    JsonObject accept = Json.createObjectBuilder().add("action", "accept").build();
    assertInvalidState(modern(args("dev", key, "other"), state, accept));
    assertInvalidState(modern(args("dev", key, "a"), forged(state), accept));
    assertEquals(null, configValue("dev", key), "nothing ran on a refused retry");

    JsonObject done = modern(args("dev", key, "a"), state, accept);
    assertFalse(done.getJsonObject("result").getBoolean("isError", false), done.toString());
    assertEquals("a", configValue("dev", key));
    assertInvalidState(modern(args("dev", key, "a"), state, accept));
  }

  // --- helpers

  private static JsonObject args(String environment, String key, String value) {
    return Json.createObjectBuilder()
        .add("environment", environment)
        .add("key", key)
        .add("value", value)
        .build();
  }

  /**
   * An official client ({@code sdk}: v1, {@code sdk2}: v2) calls the tool, answering every
   * elicitation with {@code answer} (none declared when null); its output.
   */
  private static JsonObject peer(String client, String answer, JsonObject arguments)
      throws Exception {
    String url = ItEnvironment.baseUrl() + "/t/" + fixture.tenant.id + "/mcp";
    List<String> command = new java.util.ArrayList<>();
    if (answer != null) {
      command.addAll(List.of("--elicitation", answer));
    }
    command.addAll(List.of("call-tool", "--name", TOOL, "--args", arguments.toString()));
    String[] options = command.toArray(String[]::new);
    return "sdk2".equals(client)
        ? NodePeers.sdk2Client(url, fixture.key, options)
        : NodePeers.sdkClient(url, fixture.key, options);
  }

  /** A raw 2026-07-28 tools/call from a client that can be asked; a retry when state is given. */
  private static JsonObject modern(JsonObject arguments, String state, JsonObject answer)
      throws Exception {
    var params = Json.createObjectBuilder().add("name", TOOL).add("arguments", arguments);
    if (state != null) {
      params.add("requestState", state);
      params.add("inputResponses", Json.createObjectBuilder().add("confirm", answer));
    }
    JsonObject capabilities =
        Json.createObjectBuilder()
            .add("elicitation", Json.createObjectBuilder().add("form", JsonValue.EMPTY_JSON_OBJECT))
            .build();
    return TaskCalls.modern(
        fixture.tenant.id, fixture.key, "tools/call", TOOL, params.build(), capabilities);
  }

  /** The state with one character in the middle changed (the last may carry only unused bits). */
  private static String forged(String state) {
    int at = state.length() / 2;
    char changed = state.charAt(at) == 'A' ? 'B' : 'A';
    return state.substring(0, at) + changed + state.substring(at + 1);
  }

  private static void assertInvalidState(JsonObject response) {
    JsonObject error = response.getJsonObject("error");
    assertEquals(-32602, error.getInt("code"), response.toString());
    assertEquals(
        "invalid_request_state",
        error.getJsonObject("data").getString("reason"),
        response.toString());
  }

  private static String configValue(String environment, String key) throws Exception {
    try (var c = Database.connect();
        var s =
            c.prepareStatement(
                "SELECT config_value FROM demo_config WHERE environment = ? AND config_key = ?")) {
      s.setString(1, environment);
      s.setString(2, key);
      try (var r = s.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }

  /** The call id of the tenant's latest decision: the call a test just made. */
  private static String latestCallId() throws Exception {
    try (var c = Database.connect();
        var s =
            c.prepareStatement(
                "SELECT correlation_id FROM audit_log_entry WHERE tenant_id = ?"
                    + " AND event_type = 'tool_call.decision' ORDER BY leaf_index DESC")) {
      s.setString(1, fixture.tenant.id);
      try (var r = s.executeQuery()) {
        assertTrue(r.next(), "no decision in " + fixture.tenant.id);
        return r.getString(1);
      }
    }
  }
}
