package io.countersign.gateway.upstream;

import io.countersign.gateway.jsonrpc.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A request as a 2026-07-28 upstream must get it: its {@code _meta} carries the protocol version,
 * the gateway as the client and the client capabilities the gateway can bridge for this agent
 * ("Per-request protocol fields"), and the HTTP headers repeat the version, the method and, where
 * one is named, the name (Streamable HTTP, "Standard Request Headers", "Value Encoding").
 */
public record ModernRequest(JsonObject message, Map<String, String> headers) {

  static final String META_PREFIX = "io.modelcontextprotocol/";
  static final String META_VERSION = META_PREFIX + "protocolVersion";
  static final String META_CLIENT_INFO = META_PREFIX + "clientInfo";
  static final String META_CAPABILITIES = META_PREFIX + "clientCapabilities";

  public static final String METHOD_HEADER = "Mcp-Method";
  public static final String NAME_HEADER = "Mcp-Name";

  /**
   * {@code request} with the envelope of the gateway as the client; {@code capabilities} are the
   * client capabilities declared for this request. Envelope keys the request already carried (an
   * agent's own client info and capabilities) are replaced; other {@code _meta} keys (a progress
   * token, trace context) pass.
   */
  public static ModernRequest of(
      JsonObject request, JsonObject clientInfo, JsonObject capabilities) {
    JsonObject params =
        request.get("params") instanceof JsonObject given ? given : JsonValue.EMPTY_JSON_OBJECT;
    var meta = Jsonp.createObjectBuilder();
    if (params.get("_meta") instanceof JsonObject existing) {
      existing.forEach(
          (key, value) -> {
            if (!key.startsWith(META_PREFIX)) {
              meta.add(key, value);
            }
          });
    }
    meta.add(META_VERSION, EraProbe.MODERN_VERSION)
        .add(META_CLIENT_INFO, clientInfo)
        .add(META_CAPABILITIES, capabilities);
    JsonObject message =
        Jsonp.createObjectBuilder(request)
            .add("params", Jsonp.createObjectBuilder(params).add("_meta", meta))
            .build();
    String method = request.getString("method", "");
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(UpstreamClient.VERSION_HEADER, EraProbe.MODERN_VERSION);
    headers.put(METHOD_HEADER, headerValue(method));
    named(method, params).ifPresent(name -> headers.put(NAME_HEADER, headerValue(name)));
    return new ModernRequest(message, Map.copyOf(headers));
  }

  /** What {@code Mcp-Name} carries for this method, if it needs one. */
  static Optional<String> named(String method, JsonObject params) {
    String field =
        switch (method) {
          case "tools/call", "prompts/get" -> "name";
          case "resources/read" -> "uri";
          case "tasks/get", "tasks/update", "tasks/cancel" -> "taskId";
          default -> null;
        };
    return field != null && params.get(field) instanceof JsonString value
        ? Optional.of(value.getString())
        : Optional.empty();
  }

  /**
   * "Value Encoding": a value that is not plain visible ASCII (or has leading or trailing
   * whitespace) is sent as {@code =?base64?…?=} of its UTF-8 bytes.
   */
  static String headerValue(String value) {
    boolean plain = !value.isEmpty() && value.strip().equals(value);
    for (int i = 0; plain && i < value.length(); i++) {
      char c = value.charAt(i);
      plain = c == ' ' || (c >= 0x21 && c <= 0x7e);
    }
    if (plain && !(value.startsWith("=?base64?") && value.endsWith("?="))) {
      return value;
    }
    return "=?base64?"
        + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))
        + "?=";
  }
}
