package io.countersign.gateway.jsonrpc;

import io.countersign.gateway.jsonrpc.ParseResult.Malformed;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;

/**
 * One JSON-RPC message received from a client, classified. The original object is kept whole, so
 * whatever the gateway forwards carries every field it did not need to understand.
 */
public sealed interface JsonRpcMessage extends ParseResult {

  JsonObject json();

  /** A request: has a method and an id; expects a response. */
  record Request(JsonObject json, JsonValue id, String method, JsonObject params)
      implements JsonRpcMessage {}

  /** A notification: has a method, no id. */
  record Notification(JsonObject json, String method, JsonObject params)
      implements JsonRpcMessage {}

  /** A response to a request the server sent (result or error). */
  record Response(JsonObject json, JsonValue id) implements JsonRpcMessage {}

  /** Parses one HTTP body. Batches are not part of MCP since 2025-06-18 and are refused. */
  static ParseResult parse(String body) {
    JsonValue value;
    try (var reader = Jsonp.createReader(new StringReader(body))) {
      value = reader.readValue();
    } catch (JsonParsingException e) {
      return new Malformed(null, JsonRpcError.parseError(e.getMessage()));
    } catch (JsonException e) {
      return new Malformed(null, JsonRpcError.parseError("not JSON"));
    }
    if (value.getValueType() == JsonValue.ValueType.ARRAY) {
      return invalid(null, "JSON-RPC batches are not supported (MCP 2025-06-18 and later)");
    }
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      return invalid(null, "a JSON-RPC message must be a JSON object");
    }
    return classify(value.asJsonObject());
  }

  private static ParseResult classify(JsonObject json) {
    JsonValue id = json.get("id");
    if (id != null && !isValidId(id)) {
      return invalid(null, "'id' must be a string or a number");
    }
    if (!"2.0".equals(stringOrNull(json, "jsonrpc"))) {
      return invalid(id, "'jsonrpc' must be \"2.0\"");
    }
    JsonValue method = json.get("method");
    if (method == null) {
      if (id == null || !(json.containsKey("result") || json.containsKey("error"))) {
        return invalid(id, "a message needs a 'method', or an 'id' with 'result' or 'error'");
      }
      return new Response(json, id);
    }
    if (method.getValueType() != JsonValue.ValueType.STRING) {
      return invalid(id, "'method' must be a string");
    }
    JsonValue params = json.get("params");
    if (params != null && params.getValueType() != JsonValue.ValueType.OBJECT) {
      return invalid(id, "'params' must be an object");
    }
    JsonObject paramsObject = params == null ? JsonValue.EMPTY_JSON_OBJECT : params.asJsonObject();
    String name = json.getString("method");
    if (id == null) {
      return new Notification(json, name, paramsObject);
    }
    return new Request(json, id, name, paramsObject);
  }

  private static boolean isValidId(JsonValue id) {
    return id.getValueType() == JsonValue.ValueType.STRING
        || id.getValueType() == JsonValue.ValueType.NUMBER;
  }

  private static String stringOrNull(JsonObject json, String key) {
    JsonValue value = json.get(key);
    return value != null && value.getValueType() == JsonValue.ValueType.STRING
        ? json.getString(key)
        : null;
  }

  private static ParseResult invalid(JsonValue id, String detail) {
    return new Malformed(id, JsonRpcError.invalidRequest(detail));
  }
}
