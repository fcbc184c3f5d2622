package io.countersign.gateway.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which input requests of a 2026-07-28 upstream a session's client can be asked. */
class SessionInputBridgeTest {

  private static final JsonObject FORM_ONLY = json("{\"elicitation\":{\"form\":{}},\"roots\":{}}");

  @Test
  void missingWhenTheSessionDeclaredTheCapabilityThenNothing() {
    assertTrue(
        SessionInputBridge.missing(
                FORM_ONLY,
                json("{\"method\":\"elicitation/create\",\"params\":{\"mode\":\"form\"}}"))
            .isEmpty());
    assertTrue(
        SessionInputBridge.missing(FORM_ONLY, json("{\"method\":\"roots/list\"}")).isEmpty());
  }

  @Test
  void missingWhenTheSessionDidNotDeclareItThenNamedForTheToolError() {
    assertEquals(
        Optional.of("the capability 'sampling'"),
        SessionInputBridge.missing(FORM_ONLY, json("{\"method\":\"sampling/createMessage\"}")));
    assertEquals(
        Optional.of("URL-mode elicitation"),
        SessionInputBridge.missing(
            FORM_ONLY, json("{\"method\":\"elicitation/create\",\"params\":{\"mode\":\"url\"}}")));
    assertEquals(
        Optional.of("support for 'tools/call'"),
        SessionInputBridge.missing(FORM_ONLY, json("{\"method\":\"tools/call\"}")));
  }

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }
}
