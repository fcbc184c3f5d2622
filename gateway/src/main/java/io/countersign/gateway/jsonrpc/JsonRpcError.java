package io.countersign.gateway.jsonrpc;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** A JSON-RPC error object; the codes are JSON-RPC 2.0's and MCP's. */
public record JsonRpcError(int code, String message) {

  public static final int PARSE_ERROR = -32700;
  public static final int INVALID_REQUEST = -32600;
  public static final int METHOD_NOT_FOUND = -32601;
  public static final int INVALID_PARAMS = -32602;
  public static final int INTERNAL_ERROR = -32603;

  /** Implementation-defined server error (JSON-RPC reserves -32000 to -32099). */
  public static final int UPSTREAM_ERROR = -32001;

  public static JsonRpcError parseError(String detail) {
    return new JsonRpcError(PARSE_ERROR, "Parse error: " + detail);
  }

  public static JsonRpcError invalidRequest(String detail) {
    return new JsonRpcError(INVALID_REQUEST, "Invalid request: " + detail);
  }

  public static JsonRpcError methodNotFound(String method) {
    return new JsonRpcError(METHOD_NOT_FOUND, "Method not found: " + method);
  }

  public static JsonRpcError invalidParams(String detail) {
    return new JsonRpcError(INVALID_PARAMS, "Invalid params: " + detail);
  }

  /** An upstream that failed a request the gateway passed on, in words. */
  public static JsonRpcError upstreamFailed(String upstream, String detail) {
    return new JsonRpcError(UPSTREAM_ERROR, "upstream '" + upstream + "' failed: " + detail);
  }

  /** The error response, its error carrying {@code data}. */
  public JsonObject toResponse(JsonValue id, JsonObject data) {
    JsonObject response = toResponse(id);
    return Jsonp.createObjectBuilder(response)
        .add("error", Jsonp.createObjectBuilder(response.getJsonObject("error")).add("data", data))
        .build();
  }

  /** The error response to a request with this id ({@code null} when the id is unknown). */
  public JsonObject toResponse(JsonValue id) {
    return Jsonp.createObjectBuilder()
        .add("jsonrpc", "2.0")
        .add("id", id == null ? JsonValue.NULL : id)
        .add("error", Jsonp.createObjectBuilder().add("code", code).add("message", message))
        .build();
  }
}
