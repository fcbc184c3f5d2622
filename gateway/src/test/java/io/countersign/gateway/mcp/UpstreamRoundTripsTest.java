package io.countersign.gateway.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.gateway.jsonrpc.JsonRpcMessage.Request;
import io.countersign.gateway.pipeline.TestToolCalls;
import io.countersign.gateway.pipeline.ToolCall;
import io.countersign.tenant.secret.SecretBox;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A 2026-07-28 upstream's input-required result, its state wrapped for a 2026-07-28 client. */
class UpstreamRoundTripsTest {

  private static final SecretBox BOX = SecretBox.withKey(SecretBox.newKey());
  private static final ToolCall CALL =
      TestToolCalls.call("ops-bot", "ask_name", "{}", Json.createObjectBuilder().build());
  private static final Request ASKED = request(1, "");
  private static final RoundTripRequest TOOL_CALL = RoundTripRequest.of(CALL, ASKED);
  private static final JsonObject INPUT_REQUIRED =
      json(
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"resultType\":\"input_required\","
              + "\"inputRequests\":{\"name\":{\"method\":\"elicitation/create\",\"params\":{}}},"
              + "\"requestState\":\"upstream-state-1\"}}");

  private final UpstreamRoundTrips roundTrips = new UpstreamRoundTrips();

  @BeforeEach
  void wire() {
    roundTrips.box = BOX;
    roundTrips.inputWait = Duration.ofMinutes(5);
  }

  @Test
  void relayedWhenInputIsRequiredThenTheClientGetsTheGatewaysStateWrappingTheUpstreams() {
    JsonObject relayed = roundTrips.relayed(TOOL_CALL, ASKED, INPUT_REQUIRED, 0);
    JsonObject result = relayed.getJsonObject("result");
    assertEquals(
        INPUT_REQUIRED.getJsonObject("result").get("inputRequests"), result.get("inputRequests"));
    String sealed = result.getString("requestState");
    assertFalse(sealed.contains("upstream-state-1"));
    RequestState state = RequestState.open(BOX, sealed).orElseThrow();
    assertEquals("upstream-state-1", state.upstreamState().orElseThrow());
    assertEquals("acme", state.tenantId());
    assertEquals("agent-1", state.agentId());
    assertEquals("tools/call", state.method());
    assertEquals("shop__ask_name", state.name());
    assertEquals(CALL.argumentsDigest(), state.argumentsDigest());
    assertTrue(UpstreamRoundTrips.owns(state.awaitingId()));
    assertEquals(1, roundTrips.waiting());
  }

  @Test
  void relayedWhenTheResultIsCompleteThenUnchanged() {
    JsonObject complete =
        json(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"resultType\":\"complete\",\"content\":[]}}");
    assertEquals(complete, roundTrips.relayed(TOOL_CALL, ASKED, complete, 0));
    assertEquals(0, roundTrips.waiting());
  }

  @Test
  void relayedWhenTheUpstreamsStateIsTooLongThenTheCallEndsWithAToolError() {
    JsonObject huge =
        json(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"resultType\":\"input_required\","
                + "\"requestState\":\""
                + "x".repeat(RequestState.MAX_UPSTREAM_STATE_CHARS + 1)
                + "\"}}");
    JsonObject relayed = roundTrips.relayed(TOOL_CALL, ASKED, huge, 0);
    assertTrue(relayed.getJsonObject("result").getBoolean("isError"));
    assertEquals(0, roundTrips.waiting());
  }

  @Test
  void resumeWhenTheAnswersNameWhatWasAskedThenOnceAndNeverAgain() {
    RequestState state = state(roundTrips.relayed(TOOL_CALL, ASKED, INPUT_REQUIRED, 0));
    JsonObject answers = json("{\"name\":{\"action\":\"accept\",\"content\":{\"name\":\"Ada\"}}}");
    var continued =
        assertInstanceOf(
            InputBridge.Continued.class, roundTrips.resume(request(2, ""), state, answers));
    assertEquals("upstream-state-1", continued.round().upstreamState().orElseThrow());
    assertEquals(CALL, continued.round().request().call().orElseThrow());
    var replayed =
        assertInstanceOf(
            InputBridge.Answered.class, roundTrips.resume(request(3, ""), state, answers));
    assertTrue(replayed.response().toString().contains("already used"));
  }

  @Test
  void resumeWhenOnlyUnaskedKeysAreAnsweredThenTheInputIsAskedAgainAndTheRoundStays() {
    RequestState state = state(roundTrips.relayed(TOOL_CALL, ASKED, INPUT_REQUIRED, 0));
    var again =
        assertInstanceOf(
            InputBridge.Answered.class,
            roundTrips.resume(request(2, ""), state, json("{\"nonexistent\":{}}")));
    JsonObject result = again.response().getJsonObject("result");
    assertEquals("input_required", result.getString("resultType"));
    assertEquals(
        INPUT_REQUIRED.getJsonObject("result").get("inputRequests"), result.get("inputRequests"));
    RequestState renewed = RequestState.open(BOX, result.getString("requestState")).orElseThrow();
    assertEquals(state.awaitingId(), renewed.awaitingId());
    assertEquals("upstream-state-1", renewed.upstreamState().orElseThrow());
    assertEquals(1, roundTrips.waiting(), "asking again does not use up the state");
  }

  @Test
  void resumeWhenExtraKeysComeWithTheAskedAnswerThenTheUpstreamGetsOnlyTheAskedOnes() {
    RequestState state = state(roundTrips.relayed(TOOL_CALL, ASKED, INPUT_REQUIRED, 0));
    JsonObject answers =
        json(
            "{\"name\":{\"action\":\"accept\",\"content\":{\"name\":\"Ada\"}},"
                + "\"unknown_extra_key\":{\"action\":\"accept\",\"content\":{}}}");
    var continued =
        assertInstanceOf(
            InputBridge.Continued.class, roundTrips.resume(request(2, ""), state, answers));
    assertEquals(
        json("{\"name\":{\"action\":\"accept\",\"content\":{\"name\":\"Ada\"}}}"),
        UpstreamRoundTrips.answered(continued.round(), answers));
  }

  @Test
  void relayedWhenTheUpstreamGaveNoStateThenTheClientStillGetsTheGatewaysSealedState() {
    JsonObject stateless =
        json(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"resultType\":\"input_required\","
                + "\"inputRequests\":{\"name\":{\"method\":\"elicitation/create\",\"params\":{}}}}}");
    RequestState state = state(roundTrips.relayed(TOOL_CALL, ASKED, stateless, 0));
    assertTrue(state.upstreamState().isEmpty());
    assertTrue(UpstreamRoundTrips.owns(state.awaitingId()));
  }

  @Test
  void relayedWhenAPromptRequiresInputThenTheStateIsBoundToPromptsGetItsNameAndArguments() {
    Request asked = prompt(1, "");
    JsonObject relayed = roundTrips.relayed(promptGet(asked), asked, INPUT_REQUIRED, 0);
    RequestState state = state(relayed);
    assertEquals("prompts/get", state.method());
    assertEquals("shop__brief", state.name());
    assertEquals(RoundTripRequest.digestOf(asked.params()), state.argumentsDigest());
    assertEquals("upstream-state-1", state.upstreamState().orElseThrow());
    assertTrue(state.sealedFor("prompts/get", "shop__brief", state.argumentsDigest()));
    assertFalse(state.sealedFor("tools/call", "shop__brief", state.argumentsDigest()));
  }

  @Test
  void continuedWhenAPromptsRetryAnswersThenItsUpstreamGetsItsOwnStateAndOnlyTheAskedAnswers() {
    Request asked = prompt(1, "");
    RequestState state = state(roundTrips.relayed(promptGet(asked), asked, INPUT_REQUIRED, 0));
    Request retry =
        prompt(
            2,
            ",\"requestState\":\"gateway-sealed\",\"inputResponses\":"
                + "{\"name\":{\"action\":\"accept\",\"content\":{\"name\":\"Ada\"}},"
                + "\"extra\":{}}");
    var continued =
        assertInstanceOf(
            InputBridge.Continued.class,
            roundTrips.resume(retry, state, retry.params().getJsonObject("inputResponses")));
    assertTrue(continued.round().request().call().isEmpty(), "a prompt is no audited call");
    JsonObject params =
        UpstreamRoundTrips.continued(
            continued.round(),
            json("{\"name\":\"brief\",\"requestState\":\"gateway-sealed\"}"),
            retry.params().get("inputResponses"));
    assertEquals("upstream-state-1", params.getString("requestState"));
    assertEquals(
        json("{\"name\":{\"action\":\"accept\",\"content\":{\"name\":\"Ada\"}}}"),
        params.getJsonObject("inputResponses"));
    assertEquals("brief", params.getString("name"));
  }

  @Test
  void relayedWhenAPromptsUpstreamStateIsUnusableThenAJsonRpcErrorNotAToolResult() {
    Request asked = prompt(1, "");
    JsonObject numeric =
        json(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"resultType\":\"input_required\","
                + "\"requestState\":42}}");
    JsonObject relayed = roundTrips.relayed(promptGet(asked), asked, numeric, 0);
    assertEquals(-32001, relayed.getJsonObject("error").getInt("code"), relayed.toString());
    assertFalse(relayed.containsKey("result"));
    assertEquals(0, roundTrips.waiting());
  }

  @Test
  void expireWhenAPromptsClientDoesNotComeBackThenTheRoundEndsAndNothingIsAudited() {
    roundTrips.inputWait = Duration.ofSeconds(-1);
    Request asked = prompt(1, "");
    roundTrips.relayed(promptGet(asked), asked, INPUT_REQUIRED, 0);
    assertEquals(1, roundTrips.waiting());
    // no pipeline is wired: auditing a prompt's end would fail here
    roundTrips.expire();
    assertEquals(0, roundTrips.waiting());
  }

  private static RoundTripRequest promptGet(Request request) {
    return RoundTripRequest.catalog(
        CALL.session(),
        CALL.upstream(),
        request,
        Json.createObjectBuilder(request.params()).add("name", "brief").build());
  }

  private static Request prompt(int id, String extra) {
    JsonObject json =
        json(
            "{\"jsonrpc\":\"2.0\",\"id\":"
                + id
                + ",\"method\":\"prompts/get\",\"params\":{\"name\":\"shop__brief\","
                + "\"arguments\":{\"topic\":\"q3\"}"
                + extra
                + "}}");
    return new Request(json, json.get("id"), "prompts/get", json.getJsonObject("params"));
  }

  private static RequestState state(JsonObject relayed) {
    return RequestState.open(BOX, relayed.getJsonObject("result").getString("requestState"))
        .orElseThrow();
  }

  private static Request request(int id, String extra) {
    JsonObject json =
        json(
            "{\"jsonrpc\":\"2.0\",\"id\":"
                + id
                + ",\"method\":\"tools/call\",\"params\":{\"name\":\"shop__ask_name\","
                + "\"arguments\":{}"
                + extra
                + "}}");
    return new Request(json, json.get("id"), "tools/call", json.getJsonObject("params"));
  }

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }
}
