package io.countersign.gateway.jsonrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.countersign.gateway.jsonrpc.JsonRpcMessage.Notification;
import io.countersign.gateway.jsonrpc.JsonRpcMessage.Request;
import io.countersign.gateway.jsonrpc.JsonRpcMessage.Response;
import io.countersign.gateway.jsonrpc.ParseResult.Malformed;
import org.junit.jupiter.api.Test;

class JsonRpcMessageTest {

  @Test
  void parseWhenRequestThenKeepsUnknownFields() {
    var parsed =
        JsonRpcMessage.parse(
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"x\","
                + "\"_meta\":{\"progressToken\":7}},\"x-extra\":true}");
    var request = assertInstanceOf(Request.class, parsed);
    assertEquals("tools/call", request.method());
    assertEquals(7, request.params().getJsonObject("_meta").getInt("progressToken"));
    assertEquals(true, request.json().getBoolean("x-extra"));
  }

  @Test
  void parseWhenNoIdThenNotification() {
    assertInstanceOf(
        Notification.class,
        JsonRpcMessage.parse("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"));
  }

  @Test
  void parseWhenResultThenResponse() {
    assertInstanceOf(
        Response.class, JsonRpcMessage.parse("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"result\":{}}"));
  }

  @Test
  void parseWhenNotJsonThenParseError() {
    var malformed = assertInstanceOf(Malformed.class, JsonRpcMessage.parse("{\"jsonrpc\":"));
    assertEquals(JsonRpcError.PARSE_ERROR, malformed.error().code());
  }

  @Test
  void parseWhenBatchThenInvalidRequest() {
    var malformed = assertInstanceOf(Malformed.class, JsonRpcMessage.parse("[]"));
    assertEquals(JsonRpcError.INVALID_REQUEST, malformed.error().code());
  }

  @Test
  void parseWhenWrongVersionThenInvalidRequestKeepingId() {
    var malformed =
        assertInstanceOf(
            Malformed.class,
            JsonRpcMessage.parse("{\"jsonrpc\":\"1.0\",\"id\":5,\"method\":\"ping\"}"));
    assertEquals(JsonRpcError.INVALID_REQUEST, malformed.error().code());
    assertEquals("5", malformed.id().toString());
  }

  @Test
  void parseWhenParamsNotObjectThenInvalidRequest() {
    var malformed =
        assertInstanceOf(
            Malformed.class,
            JsonRpcMessage.parse(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":[1]}"));
    assertEquals(JsonRpcError.INVALID_REQUEST, malformed.error().code());
  }

  @Test
  void parseWhenIdIsObjectThenInvalidRequest() {
    var malformed =
        assertInstanceOf(
            Malformed.class,
            JsonRpcMessage.parse("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}"));
    assertEquals(JsonRpcError.INVALID_REQUEST, malformed.error().code());
  }
}
