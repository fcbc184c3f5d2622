package io.countersign.gateway.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which tools/call continues an input-required one, and which inputResponses are malformed. */
class InputBridgeTest {

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

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }
}
