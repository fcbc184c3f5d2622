package io.countersign.it;

import static io.countersign.it.ModernRetries.VERSION;
import static io.countersign.it.ModernRetries.assertInvalidState;
import static io.countersign.it.ModernRetries.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A prompt and a resource of an MCP 2026-07-28 upstream ({@code e2e/modern-upstream.mjs}) that ask
 * for input by an input-required result ("Multi Round-Trip Requests", "Supported Requests":
 * prompts/get and resources/read, not only tools/call), bridged as the gateway bridges tool calls:
 * to a 2026-07-28 client under a state of the gateway's that wraps the upstream's and is bound to
 * the agent, the method, the name and the arguments; to a 2025-11-25 session as an {@code
 * elicitation/create} on the request's stream. Neither is decided by policy, and neither is
 * audited, like every other catalog request.
 */
class ModernUpstreamPromptsIT {

  private static final String TENANT = "modern-prompts";
  private static final String BRIEFING = "modern__briefing";
  private static final String MEMO = "modern://memo";
  private static final String BOARD = "{\"audience\":\"the board\"}";
  private static final String ADA = "{\"name\":\"Ada\"}";

  private static NodePeers.Upstream upstream;
  private static String key;
  private static String otherKey;

  @BeforeAll
  static void start() throws Exception {
    upstream = NodePeers.Upstream.modern();
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
  void aPromptAndAResourceThatAskForInputReachBothOfficialClientsAndNothingIsAudited()
      throws Exception {
    long audited = audited();
    for (boolean v2 : new boolean[] {false, true}) {
      JsonObject prompt =
          client(
              v2,
              "--elicitation",
              "accept:" + BOARD,
              "get-prompt",
              "--name",
              BRIEFING,
              "--args",
              "{\"topic\":\"q3\"}");
      assertTrue(prompt.getBoolean("ok"), prompt.toString());
      assertEquals(v2 ? VERSION : "2025-11-25", prompt.getString("protocolVersion"));
      assertEquals(1, prompt.getJsonArray("elicitations").size(), prompt.toString());
      assertEquals(
          "Who is the briefing for?",
          prompt.getJsonArray("elicitations").getJsonObject(0).getString("message"));
      assertEquals("Brief the board on q3.", promptText(prompt.getJsonObject("result")));

      JsonObject declined =
          client(
              v2,
              "--elicitation",
              "decline",
              "get-prompt",
              "--name",
              BRIEFING,
              "--args",
              "{\"topic\":\"q3\"}");
      assertTrue(declined.getBoolean("ok"), declined.toString());
      assertEquals("The user declined.", promptText(declined.getJsonObject("result")));

      JsonObject memo =
          client(v2, "--elicitation", "accept:" + ADA, "read-resource", "--uri", MEMO);
      assertTrue(memo.getBoolean("ok"), memo.toString());
      assertEquals(
          "Who reads the memo?",
          memo.getJsonArray("elicitations").getJsonObject(0).getString("message"));
      assertEquals("Confidential memo for Ada", resourceText(memo.getJsonObject("result")));
    }
    assertEquals(audited, audited(), "prompts and resources are not audited, as before");
  }

  @Test
  void aPromptsRetryCarriesTheUpstreamsOwnStateOnceAndEveryWrongStateIsInvalidParams()
      throws Exception {
    JsonObject asked = message(post(key, prompt("q3", null, null))).getJsonObject("result");
    assertEquals("input_required", asked.getString("resultType"), asked.toString());
    assertFalse(asked.containsKey("ttlMs"), "an input-required result is not cacheable");
    assertEquals(
        "elicitation/create",
        asked.getJsonObject("inputRequests").getJsonObject("audience").getString("method"));
    String state = asked.getString("requestState");
    assertFalse(state.contains("audience:"), "the upstream's state stays hidden: " + state);

    int at = state.length() / 2;
    String forged =
        state.substring(0, at) + (state.charAt(at) == 'A' ? 'B' : 'A') + state.substring(at + 1);
    assertInvalidState(post(key, prompt("q3", forged, answer())), "not valid");
    assertInvalidState(post(otherKey, prompt("q3", state, answer())), "not valid");
    assertInvalidState(
        ModernRetries.post(
            "demo",
            ItEnvironment.demoAgentKey(),
            "prompts/get",
            BRIEFING,
            prompt("q3", state, answer())),
        "not valid");
    // the same state on other arguments, or on a tool call of the same name, continues nothing
    assertInvalidState(post(key, prompt("payroll", state, answer())), "another call");
    assertInvalidState(
        ModernRetries.post(
            TENANT, key, "tools/call", BRIEFING, ModernRetries.call(BRIEFING, state, answer())),
        "another call");
    // MRTR, "Error Handling": unasked answers are ignored, what was asked is asked again
    JsonObject unasked =
        message(
                post(
                    key,
                    prompt(
                        "q3",
                        state,
                        Json.createObjectBuilder()
                            .add("nonexistent", ModernRetries.accepted(BOARD)))))
            .getJsonObject("result");
    assertEquals("input_required", unasked.getString("resultType"), unasked.toString());

    JsonObject done = message(post(key, prompt("q3", state, answer()))).getJsonObject("result");
    assertEquals("complete", done.getString("resultType"), done.toString());
    // the fixture accepts only a state it minted, once: the upstream got its own back
    assertEquals("Brief the board on q3.", promptText(done));
    assertInvalidState(post(key, prompt("q3", state, answer())), "already used");
  }

  @Test
  void aResourcesRetryGoesToItsUpstreamWithItsOwnState() throws Exception {
    JsonObject asked = message(read(null, null)).getJsonObject("result");
    assertEquals("input_required", asked.getString("resultType"), asked.toString());
    String state = asked.getString("requestState");
    JsonObject done =
        message(read(state, Json.createObjectBuilder().add("reader", ModernRetries.accepted(ADA))))
            .getJsonObject("result");
    assertEquals("complete", done.getString("resultType"), done.toString());
    assertEquals("Confidential memo for Ada", resourceText(done));
    assertEquals(0, done.getInt("ttlMs"), "a complete read is marked as before");
  }

  @Test
  void aSessionThatDeclaredNoElicitationGetsTheUpstreamsOwnAnswerAndNothingHangs()
      throws Exception {
    var mute = new McpHttp(TENANT, key);
    mute.initialize("2025-11-25");
    JsonObject refused =
        mute.request(
            "prompts/get",
            Json.createObjectBuilder()
                .add("name", BRIEFING)
                .add("arguments", Json.createObjectBuilder().add("topic", "q3"))
                .build());
    JsonObject answer = McpHttp.message(mute.post(refused.toString(), mute.standardHeaders()));
    JsonObject error = answer.getJsonObject("error");
    assertEquals(-32021, error.getInt("code"), answer.toString());
    assertTrue(error.getString("message").contains("elicitation"), answer.toString());
  }

  // --- helpers

  private static JsonObject client(boolean v2, String... command) throws Exception {
    String url = ItEnvironment.baseUrl() + "/t/" + TENANT + "/mcp";
    return v2 ? NodePeers.sdk2Client(url, key, command) : NodePeers.sdkClient(url, key, command);
  }

  private static long audited() throws Exception {
    return Database.count("SELECT COUNT(*) FROM audit_log_entry WHERE tenant_id = ?", TENANT);
  }

  private static String promptText(JsonObject result) {
    return result
        .getJsonArray("messages")
        .getJsonObject(0)
        .getJsonObject("content")
        .getString("text");
  }

  private static String resourceText(JsonObject result) {
    return result.getJsonArray("contents").getJsonObject(0).getString("text");
  }

  private static JsonObjectBuilder answer() {
    return Json.createObjectBuilder().add("audience", ModernRetries.accepted(BOARD));
  }

  /** The 2026-07-28 prompts/get of the briefing on {@code topic}, or its retry. */
  private static JsonObject prompt(String topic, String state, JsonObjectBuilder responses) {
    return ModernRetries.retried(
        "prompts/get",
        Json.createObjectBuilder()
            .add("name", BRIEFING)
            .add("arguments", Json.createObjectBuilder().add("topic", topic)),
        state,
        responses);
  }

  private static HttpResponse<String> post(String bearer, JsonObject body) throws Exception {
    return ModernRetries.post(TENANT, bearer, "prompts/get", BRIEFING, body);
  }

  private static HttpResponse<String> read(String state, JsonObjectBuilder responses)
      throws Exception {
    JsonObject body =
        ModernRetries.retried(
            "resources/read", Json.createObjectBuilder().add("uri", MEMO), state, responses);
    return ModernRetries.post(TENANT, key, "resources/read", MEMO, body);
  }
}
