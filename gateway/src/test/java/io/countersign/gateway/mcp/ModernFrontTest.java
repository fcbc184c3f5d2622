package io.countersign.gateway.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.countersign.gateway.jsonrpc.Jsonp;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class ModernFrontTest {

  @Test
  void aResultIsMarkedCompleteAndACacheableOneGetsItsCacheFields() {
    JsonObject result =
        ModernFront.complete(json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":[]}}"), true)
            .getJsonObject("result");
    assertEquals("complete", result.getString("resultType"));
    assertEquals(0, result.getInt("ttlMs"));
    assertEquals("private", result.getString("cacheScope"));
  }

  @Test
  void completeWhenACacheableRequestRequiresInputThenTheResultGetsNoCacheFields() {
    JsonObject result =
        ModernFront.complete(
                json(
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"resultType\":\"input_required\","
                        + "\"requestState\":\"s\"}}"),
                true)
            .getJsonObject("result");
    assertEquals("input_required", result.getString("resultType"));
    assertFalse(result.containsKey("ttlMs"));
    assertFalse(result.containsKey("cacheScope"));
  }

  @Test
  void theRetiredResourceNotFoundCodeBecomesInvalidParams() {
    JsonObject error =
        ModernFront.complete(
                json(
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32002,"
                        + "\"message\":\"Resource not found: file:///x\","
                        + "\"data\":{\"uri\":\"file:///x\"}}}"),
                true)
            .getJsonObject("error");
    assertEquals(-32602, error.getInt("code"));
    assertEquals("file:///x", error.getJsonObject("data").getString("uri"));
    assertEquals("Resource not found: file:///x", error.getString("message"));
  }

  @Test
  void otherErrorsPassUnchanged() {
    JsonObject response =
        json("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32601,\"message\":\"m\"}}");
    assertEquals(response, ModernFront.complete(response, false));
  }

  private static JsonObject json(String text) {
    try (var reader = Jsonp.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }
}
