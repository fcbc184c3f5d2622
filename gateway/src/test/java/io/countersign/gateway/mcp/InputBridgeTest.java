package io.countersign.gateway.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.gateway.jsonrpc.JsonRpcMessage.Request;
import io.countersign.gateway.pipeline.TestToolCalls;
import io.countersign.gateway.pipeline.ToolCall;
import io.countersign.gateway.session.McpSession;
import io.countersign.tenant.AgentPrincipal;
import io.countersign.tenant.secret.SecretBox;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which request continues an input-required one, which inputResponses are malformed, and which
 * retries of a prompt's round are refused.
 */
class InputBridgeTest {

  private static final SecretBox BOX = SecretBox.withKey(SecretBox.newKey());
  private static final ToolCall CALL =
      TestToolCalls.call("ops-bot", "brief", "{}", Json.createObjectBuilder().build());
  private static final JsonObject INPUT_REQUIRED =
      json(
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"resultType\":\"input_required\","
              + "\"inputRequests\":{\"topic\":{\"method\":\"elicitation/create\",\"params\":{}}},"
              + "\"requestState\":\"upstream-state\"}}");

  private final InputBridge bridge = new InputBridge();

  @BeforeEach
  void wire() {
    var roundTrips = new UpstreamRoundTrips();
    roundTrips.box = BOX;
    roundTrips.inputWait = Duration.ofMinutes(5);
    bridge.box = BOX;
    bridge.roundTrips = roundTrips;
    bridge.inputWait = Duration.ofMinutes(5);
  }

  @Test
  void isRetryWhenTheCallNamesAStateOnlyThenInputResponsesAloneMakeANewCall() {
    assertTrue(InputBridge.isRetry(json("{\"name\":\"t\",\"requestState\":\"s\"}")));
    assertFalse(InputBridge.isRetry(json("{\"name\":\"t\",\"inputResponses\":{\"k\":{}}}")));
  }

  @Test
  void malformedWhenInputResponsesAreNotAMapOfResultsThenNamed() {
    assertEquals(Optional.empty(), InputBridge.malformed(json("{\"name\":\"t\"}")));
    assertEquals(
        Optional.empty(),
        InputBridge.malformed(json("{\"inputResponses\":{\"a\":{},\"extra\":{\"x\":1}}}")));
    assertEquals(
        Optional.of("inputResponses must be an object"),
        InputBridge.malformed(json("{\"inputResponses\":null}")));
    assertEquals(
        Optional.of("inputResponses['user_name'] must be an object"),
        InputBridge.malformed(json("{\"inputResponses\":{\"user_name\":12345}}")));
  }

  @Test
  void resumeWhenAPromptsRoundIsAnsweredThenItContinuesOnce() {
    String state = asked("prompts/get", "shop__brief");
    Request retry = retry("prompts/get", "shop__brief", "{}", state);
    String digest = RoundTripRequest.digestOf(retry.params());
    var continued =
        assertInstanceOf(
            InputBridge.Continued.class,
            bridge.resume(CALL.session(), retry, "shop__brief", digest));
    assertEquals("prompts/get", continued.round().request().method());
    assertInvalidState(bridge.resume(CALL.session(), retry, "shop__brief", digest), "already used");
  }

  @Test
  void resumeWhenAToolCallsStateIsReplayedOnAPromptOfTheSameNameThenAnotherCall() {
    String state = asked("tools/call", "shop__brief");
    Request retry = retry("prompts/get", "shop__brief", "{}", state);
    assertInvalidState(
        bridge.resume(
            CALL.session(), retry, "shop__brief", RoundTripRequest.digestOf(retry.params())),
        "belongs to another call");
  }

  @Test
  void resumeWhenAPromptsStateComesWithOtherArgumentsThenAnotherCall() {
    String state = asked("prompts/get", "shop__brief");
    Request retry = retry("prompts/get", "shop__brief", "{\"topic\":\"payroll\"}", state);
    assertInvalidState(
        bridge.resume(
            CALL.session(), retry, "shop__brief", RoundTripRequest.digestOf(retry.params())),
        "belongs to another call");
  }

  @Test
  void resumeWhenAnotherAgentPresentsAPromptsStateThenNotValid() {
    String state = asked("prompts/get", "shop__brief");
    Request retry = retry("prompts/get", "shop__brief", "{}", state);
    var mallory =
        new McpSession("s-2", new AgentPrincipal("acme", "agent-2", "mallory"), "2026-07-28");
    assertInvalidState(
        bridge.resume(mallory, retry, "shop__brief", RoundTripRequest.digestOf(retry.params())),
        "not valid");
  }

  @Test
  void resumeWhenAPromptsStateIsForgedThenNotValid() {
    String state = asked("prompts/get", "shop__brief");
    int at = state.length() / 2;
    String forged =
        state.substring(0, at) + (state.charAt(at) == 'A' ? 'B' : 'A') + state.substring(at + 1);
    Request retry = retry("prompts/get", "shop__brief", "{}", forged);
    assertInvalidState(
        bridge.resume(
            CALL.session(), retry, "shop__brief", RoundTripRequest.digestOf(retry.params())),
        "not valid");
  }

  /** The sealed state of a round of {@code method} the upstream asked input for. */
  private String asked(String method, String name) {
    Request first = retry(method, name, "{}", null);
    var exchange =
        "tools/call".equals(method)
            ? RoundTripRequest.of(CALL, first)
            : RoundTripRequest.catalog(CALL.session(), CALL.upstream(), first, first.params());
    return bridge
        .roundTrips
        .relayed(exchange, first, INPUT_REQUIRED, 0)
        .getJsonObject("result")
        .getString("requestState");
  }

  private static Request retry(String method, String name, String arguments, String state) {
    var params =
        Json.createObjectBuilder()
            .add("name", name)
            .add("arguments", json(arguments))
            .add(
                "inputResponses",
                json("{\"topic\":{\"action\":\"accept\",\"content\":{\"topic\":\"q3\"}}}"));
    if (state != null) {
      params.add("requestState", state);
    }
    JsonObject message =
        Json.createObjectBuilder()
            .add("jsonrpc", "2.0")
            .add("id", 2)
            .add("method", method)
            .add("params", params)
            .build();
    return new Request(message, message.get("id"), method, message.getJsonObject("params"));
  }

  private static void assertInvalidState(InputBridge.Retry retry, String mentions) {
    JsonObject error =
        assertInstanceOf(InputBridge.Answered.class, retry).response().getJsonObject("error");
    assertEquals(-32602, error.getInt("code"), error.toString());
    assertTrue(error.getString("message").contains(mentions), error.toString());
    assertEquals(InputBridge.INVALID_STATE, error.getJsonObject("data").getString("reason"));
  }

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }
}
