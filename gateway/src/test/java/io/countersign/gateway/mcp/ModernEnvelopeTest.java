package io.countersign.gateway.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.gateway.jsonrpc.JsonRpcMessage;
import io.countersign.gateway.mcp.ModernEnvelope.Legacy;
import io.countersign.gateway.mcp.ModernEnvelope.Modern;
import io.countersign.gateway.mcp.ModernEnvelope.Refused;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModernEnvelopeTest {

  private static final String META =
      "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
          + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"t\",\"version\":\"1\"},"
          + "\"io.modelcontextprotocol/clientCapabilities\":{}}";

  private static final String CALL =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"shop__x\","
          + "\"arguments\":{},"
          + META
          + "}}";

  @Test
  void sessionTrafficAndInitializeAreLegacy() {
    assertInstanceOf(
        Legacy.class,
        read("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}", Map.of()));
    assertInstanceOf(
        Legacy.class,
        read(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{}}",
            Map.of("MCP-Protocol-Version", "2025-11-25")));
    assertInstanceOf(
        Legacy.class,
        read("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", Map.of()));
  }

  @Test
  void aWellFormedRequestIsModernWithItsCapabilities() {
    var reading = read(CALL, headers("tools/call", "shop__x"));
    Modern modern = assertInstanceOf(Modern.class, reading);
    assertEquals("tools/call", modern.request().method());
    assertTrue(modern.clientCapabilities().isEmpty());
  }

  @Test
  void headersMustMatchTheBody() {
    assertMismatch(read(CALL, headers("tools/call", "shop__y")), "Mcp-Name header value 'shop__y'");
    assertMismatch(read(CALL, headers("tools/call", null)), "Mcp-Name header is missing");
    assertMismatch(read(CALL, headers("tools/list", "shop__x")), "Mcp-Method");
    var noMethod = headers("tools/call", "shop__x");
    noMethod.remove("Mcp-Method");
    assertMismatch(read(CALL, noMethod), "Mcp-Method header is missing");
    var otherVersion = headers("tools/call", "shop__x");
    otherVersion.put("MCP-Protocol-Version", "2025-11-25");
    assertMismatch(read(CALL, otherVersion), "MCP-Protocol-Version");
    var noVersion = headers("tools/call", "shop__x");
    noVersion.remove("MCP-Protocol-Version");
    assertMismatch(read(CALL, noVersion), "MCP-Protocol-Version header is missing");
  }

  @Test
  void base64HeaderValuesAreDecodedBeforeTheyAreCompared() {
    String encoded =
        "=?base64?"
            + Base64.getEncoder().encodeToString("shop__x".getBytes(StandardCharsets.UTF_8))
            + "?=";
    assertInstanceOf(Modern.class, read(CALL, headers("tools/call", encoded)));
    assertMismatch(
        read(CALL, headers("tools/call", "=?base64?!!!?=")), "not a valid encoded value");
  }

  @Test
  void anUnsupportedVersionIsRefusedWithTheSupportedOnes() {
    String body = CALL.replace("\"2026-07-28\"", "\"2099-01-01\"");
    var headers = headers("tools/call", "shop__x");
    headers.put("MCP-Protocol-Version", "2099-01-01");
    Refused refused = assertInstanceOf(Refused.class, read(body, headers));
    assertEquals(400, refused.httpStatus());
    var error = refused.response().getJsonObject("error");
    assertEquals(-32022, error.getInt("code"));
    assertEquals("2099-01-01", error.getJsonObject("data").getString("requested"));
    assertEquals(
        "[\"2026-07-28\",\"2025-11-25\",\"2025-06-18\"]",
        error.getJsonObject("data").getJsonArray("supported").toString());
  }

  @Test
  void aVersionHeaderThatDisagreesWithTheBodyIsAMismatchBeforeTheVersionIsJudged() {
    String body = CALL.replace("\"2026-07-28\"", "\"v999.0.0\"");
    assertMismatch(read(body, headers("tools/call", "shop__x")), "MCP-Protocol-Version");
  }

  @Test
  void aClaimWithoutTheEnvelopeIsInvalidParams() {
    Refused noMeta =
        assertInstanceOf(
            Refused.class,
            read(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{}}",
                headers("tools/list", null)));
    assertEquals(-32602, noMeta.response().getJsonObject("error").getInt("code"));
    Refused noCapabilities =
        assertInstanceOf(
            Refused.class,
            read(
                CALL.replace(",\"io.modelcontextprotocol/clientCapabilities\":{}", ""),
                headers("tools/call", "shop__x")));
    assertEquals(400, noCapabilities.httpStatus());
    assertEquals(-32602, noCapabilities.response().getJsonObject("error").getInt("code"));
  }

  @Test
  void resourcesReadIsNamedByItsUri() {
    String read =
        "{\"jsonrpc\":\"2.0\",\"id\":\"r\",\"method\":\"resources/read\",\"params\":{\"uri\":"
            + "\"file:///a b\","
            + META
            + "}}";
    assertMismatch(read(read, headers("resources/read", "file:///other")), "Mcp-Name");
    String encoded =
        "=?base64?"
            + Base64.getEncoder().encodeToString("file:///a b".getBytes(StandardCharsets.UTF_8))
            + "?=";
    assertInstanceOf(Modern.class, read(read, headers("resources/read", encoded)));
  }

  private static void assertMismatch(ModernEnvelope.Reading reading, String mentions) {
    Refused refused = assertInstanceOf(Refused.class, reading);
    assertEquals(400, refused.httpStatus());
    var error = refused.response().getJsonObject("error");
    assertEquals(-32020, error.getInt("code"));
    assertTrue(error.getString("message").contains(mentions), error.toString());
  }

  private static Map<String, String> headers(String method, String name) {
    Map<String, String> headers = new HashMap<>();
    headers.put("MCP-Protocol-Version", "2026-07-28");
    headers.put("Mcp-Method", method);
    if (name != null) {
      headers.put("Mcp-Name", name);
    }
    return headers;
  }

  private static ModernEnvelope.Reading read(String body, Map<String, String> headers) {
    Map<String, String> lower = new HashMap<>();
    headers.forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));
    return ModernEnvelope.read(
        (JsonRpcMessage) JsonRpcMessage.parse(body),
        name -> lower.get(name.toLowerCase(java.util.Locale.ROOT)));
  }
}
