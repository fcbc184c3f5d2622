package io.countersign.gateway.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** A request as a 2026-07-28 upstream gets it: the gateway's envelope and the era's headers. */
class ModernRequestTest {

  private static final JsonObject GATEWAY =
      Json.createObjectBuilder().add("name", "countersign-gateway").add("version", "0.1").build();
  private static final JsonObject ELICITATION =
      Json.createObjectBuilder().add("elicitation", Json.createObjectBuilder()).build();

  @Test
  void ofWhenAnAgentsRequestCarriesItsEnvelopeThenTheGatewaysReplacesItAndOtherMetaPasses() {
    JsonObject request =
        json(
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                + "\"arguments\":{\"message\":\"hi\"},\"_meta\":{\"progressToken\":3,"
                + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"agent\"},"
                + "\"io.modelcontextprotocol/clientCapabilities\":{\"sampling\":{}},"
                + "\"io.modelcontextprotocol/related-task\":{\"taskId\":\"x\"}}}}");
    ModernRequest modern = ModernRequest.of(request, GATEWAY, ELICITATION);

    JsonObject meta = modern.message().getJsonObject("params").getJsonObject("_meta");
    assertEquals(3, meta.getInt("progressToken"));
    assertEquals("2026-07-28", meta.getString("io.modelcontextprotocol/protocolVersion"));
    assertEquals(GATEWAY, meta.getJsonObject("io.modelcontextprotocol/clientInfo"));
    assertEquals(ELICITATION, meta.getJsonObject("io.modelcontextprotocol/clientCapabilities"));
    assertFalse(meta.containsKey("io.modelcontextprotocol/related-task"));
    assertEquals(
        json("{\"message\":\"hi\"}"),
        modern.message().getJsonObject("params").getJsonObject("arguments"));
    assertEquals("2026-07-28", modern.headers().get("MCP-Protocol-Version"));
    assertEquals("tools/call", modern.headers().get("Mcp-Method"));
    assertEquals("echo", modern.headers().get("Mcp-Name"));
  }

  @Test
  void ofWhenTheMethodNamesNothingThenNoNameHeader() {
    ModernRequest list =
        ModernRequest.of(
            json("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}"),
            GATEWAY,
            Json.createObjectBuilder().build());
    assertFalse(list.headers().containsKey("Mcp-Name"));
    assertEquals("tools/list", list.headers().get("Mcp-Method"));
    ModernRequest read =
        ModernRequest.of(
            json(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/read\","
                    + "\"params\":{\"uri\":\"modern://motd\"}}"),
            GATEWAY,
            Json.createObjectBuilder().build());
    assertEquals("modern://motd", read.headers().get("Mcp-Name"));
  }

  @Test
  void headerValueWhenNotPlainVisibleAsciiThenBase64Sentinel() {
    assertEquals("get_weather", ModernRequest.headerValue("get_weather"));
    assertEquals("=?base64?w6ljaG8=?=", ModernRequest.headerValue("écho"));
    assertEquals("=?base64?IGxlYWRpbmc=?=", ModernRequest.headerValue(" leading"));
    assertEquals("=?base64?YQpi?=", ModernRequest.headerValue("a\nb"));
    // a plain value that looks like the sentinel is encoded, so it cannot be mistaken for one
    assertEquals("=?base64?PT9iYXNlNjQ/eD89?=", ModernRequest.headerValue("=?base64?x?="));
  }

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }
}
