package io.countersign.gateway.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.audit.ArgumentsDigest;
import io.countersign.gateway.jsonrpc.JsonRpcMessage.Request;
import io.countersign.gateway.pipeline.TestToolCalls;
import io.countersign.gateway.pipeline.ToolCall;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A request that may require input, as the bridges carry it between rounds. */
class RoundTripRequestTest {

  private static final ToolCall CALL =
      TestToolCalls.call("ops-bot", "ask_name", "{}", Json.createObjectBuilder().build());

  @Test
  void catalogWhenAPromptIsAskedThenNamedAsTheClientWroteItAndItsArgumentsDigested() {
    Request get =
        request(
            "prompts/get",
            "{\"name\":\"shop__brief\",\"arguments\":{\"topic\":\"q3\"},\"requestState\":\"s\","
                + "\"inputResponses\":{}}");
    var exchange =
        RoundTripRequest.catalog(
            CALL.session(),
            CALL.upstream(),
            get,
            Json.createObjectBuilder(get.params()).add("name", "brief").build());
    assertEquals("prompts/get", exchange.method());
    assertEquals("shop__brief", exchange.name());
    assertEquals(ArgumentsDigest.of("{\"topic\":\"q3\"}"), exchange.argumentsDigest());
    assertEquals(json("{\"name\":\"brief\",\"arguments\":{\"topic\":\"q3\"}}"), exchange.params());
    assertTrue(exchange.call().isEmpty());
  }

  @Test
  void catalogWhenAResourceIsReadThenNamedByItsUri() {
    Request read = request("resources/read", "{\"uri\":\"modern://motd\"}");
    var exchange = RoundTripRequest.catalog(CALL.session(), CALL.upstream(), read, read.params());
    assertEquals("modern://motd", exchange.name());
    assertEquals(ArgumentsDigest.of("{}"), exchange.argumentsDigest());
  }

  @Test
  void retryWhenTheUpstreamGaveAStateThenItAndTheAnswersGoBackUnderANewId() {
    Request read = request("resources/read", "{\"uri\":\"modern://motd\"}");
    var exchange = RoundTripRequest.catalog(CALL.session(), CALL.upstream(), read, read.params());
    JsonObject answers = json("{\"k\":{\"action\":\"decline\"}}");
    JsonObject retry =
        exchange.retry(Json.createValue("cs-retry-1"), answers, Optional.of("upstream-state"));
    assertEquals("resources/read", retry.getString("method"));
    assertEquals("cs-retry-1", retry.getString("id"));
    assertEquals(answers, retry.getJsonObject("params").getJsonObject("inputResponses"));
    assertEquals("upstream-state", retry.getJsonObject("params").getString("requestState"));
    JsonObject stateless =
        exchange.retry(Json.createValue("cs-retry-2"), answers, Optional.empty());
    assertFalse(stateless.getJsonObject("params").containsKey("requestState"));
  }

  @Test
  void failedWhenAToolCallThenAToolErrorElseAJsonRpcError() {
    Request call = request("tools/call", "{\"name\":\"shop__ask_name\",\"arguments\":{}}");
    JsonObject toolError = RoundTripRequest.of(CALL, call).failed(Json.createValue(7), "why");
    assertTrue(toolError.getJsonObject("result").getBoolean("isError"));

    Request get = request("prompts/get", "{\"name\":\"shop__brief\"}");
    JsonObject error =
        RoundTripRequest.catalog(CALL.session(), CALL.upstream(), get, get.params())
            .failed(Json.createValue(7), "why");
    assertEquals(-32001, error.getJsonObject("error").getInt("code"));
    assertEquals("why", error.getJsonObject("error").getString("message"));
  }

  private static Request request(String method, String params) {
    JsonObject json =
        json(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\""
                + method
                + "\",\"params\":"
                + params
                + "}");
    return new Request(json, json.get("id"), method, json.getJsonObject("params"));
  }

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }
}
