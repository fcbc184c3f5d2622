package io.countersign.demo.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonRpcEnvelopeTest {

  private static Optional<JsonRpcRejection> check(String body) {
    return JsonRpcEnvelope.check(body.getBytes(StandardCharsets.UTF_8), true);
  }

  private static JsonRpcRejection rejection(String body) {
    return check(body).orElseThrow(() -> new AssertionError("accepted: " + body));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{", "{\"jsonrpc\":\"2.0\",}", "{} {}", "nul"})
  void checkWhenNotJsonThenParseError(String body) {
    JsonRpcRejection rejection = rejection(body);
    assertEquals(-32700, rejection.code());
    assertEquals(400, rejection.httpStatus());
    assertTrue(rejection.id().isNull());
  }

  @Test
  void checkWhenBatchThenInvalidRequest() {
    JsonRpcRejection rejection = rejection("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]");
    assertEquals(-32600, rejection.code());
    assertEquals("Invalid Request: batches are not supported", rejection.message());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "42",
        "{\"id\":1,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}",
        "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":[1]}",
        "{\"jsonrpc\":\"2.0\",\"id\":1}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{},\"error\":{}}"
      })
  void checkWhenNotAJsonRpcMessageThenInvalidRequest(String body) {
    JsonRpcRejection rejection = rejection(body);
    assertEquals(-32600, rejection.code(), body);
    assertEquals(400, rejection.httpStatus());
  }

  @Test
  void checkWhenToolsCallWithoutNameThenInvalidParamsForThatId() {
    JsonRpcRejection rejection =
        rejection("{\"jsonrpc\":\"2.0\",\"id\":\"a7\",\"method\":\"tools/call\",\"params\":{}}");
    assertEquals(-32602, rejection.code());
    assertEquals(200, rejection.httpStatus());
    assertEquals("a7", rejection.id().textValue());
    assertEquals(
        "{\"jsonrpc\":\"2.0\",\"id\":\"a7\",\"error\":{\"code\":-32602,\"message\":\"Invalid params: name is required\"}}",
        rejection.toJson().toString());
  }

  @Test
  void checkWhenToolsCallArgumentsAreNotAnObjectThenInvalidParams() {
    assertEquals(
        -32602,
        rejection(
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\","
                    + "\"params\":{\"name\":\"list_orders\",\"arguments\":[]}}")
            .code());
  }

  @Test
  void checkWhenInitializeWithoutProtocolVersionThenInvalidParams() {
    assertEquals(
        -32602,
        rejection("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{}}").code());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"method\":\"tools/call\",\"params\":{\"name\":\"list_orders\",\"arguments\":{}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"unknown/method\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-1,\"message\":\"no\"}}"
      })
  void checkWhenWellFormedThenPassedOn(String body) {
    assertEquals(Optional.empty(), check(body));
  }

  @Test
  void checkWhenNoSessionThenOnlyInitializeIsAccepted() {
    byte[] ping =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}".getBytes(StandardCharsets.UTF_8);
    byte[] initialize =
        ("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\","
                + "\"params\":{\"protocolVersion\":\"2025-11-25\"}}")
            .getBytes(StandardCharsets.UTF_8);

    JsonRpcRejection rejection = JsonRpcEnvelope.check(ping, false).orElseThrow();
    assertEquals(400, rejection.httpStatus());
    assertEquals("Bad Request: the Mcp-Session-Id header is required", rejection.message());
    assertEquals(Optional.empty(), JsonRpcEnvelope.check(initialize, false));
  }
}
