package io.countersign.demo.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * Checks that a POSTed body is one well-formed JSON-RPC 2.0 message before the SDK sees it, so that
 * malformed input gets the JSON-RPC error codes the spec names instead of a generic one.
 */
public final class JsonRpcEnvelope {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private JsonRpcEnvelope() {}

  /**
   * @param hasSession whether the request carries an {@code Mcp-Session-Id} header
   */
  public static Optional<JsonRpcRejection> check(byte[] body, boolean hasSession) {
    JsonNode message;
    try {
      message = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return reject(JsonRpcRejection.PARSE_ERROR, "Parse error: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      return reject(JsonRpcRejection.PARSE_ERROR, "Parse error: unreadable body");
    }
    if (message == null || message.isMissingNode()) {
      return reject(JsonRpcRejection.PARSE_ERROR, "Parse error: empty body");
    }
    // JSON-RPC batching was removed in MCP 2025-06-18 ("Remove support for JSON-RPC batching").
    if (message.isArray()) {
      return reject(JsonRpcRejection.INVALID_REQUEST, "Invalid Request: batches are not supported");
    }
    if (!message.isObject()) {
      return reject(JsonRpcRejection.INVALID_REQUEST, "Invalid Request: not a JSON-RPC object");
    }
    if (!"2.0".equals(message.path("jsonrpc").textValue())) {
      return reject(JsonRpcRejection.INVALID_REQUEST, "Invalid Request: jsonrpc must be \"2.0\"");
    }
    Optional<JsonRpcRejection> rejection =
        message.has("method") ? checkRequest(message) : checkResponse(message);
    if (rejection.isPresent() || hasSession || isInitialize(message)) {
      return rejection;
    }
    // Transports, "Session Management": servers that require a session ID SHOULD respond to
    // requests without an Mcp-Session-Id header (other than initialization) with 400 Bad Request.
    return reject(
        JsonRpcRejection.INVALID_REQUEST, "Bad Request: the Mcp-Session-Id header is required");
  }

  private static boolean isInitialize(JsonNode message) {
    return "initialize".equals(message.path("method").textValue());
  }

  private static Optional<JsonRpcRejection> checkRequest(JsonNode message) {
    JsonNode method = message.get("method");
    if (!method.isTextual() || method.textValue().isEmpty()) {
      return reject(JsonRpcRejection.INVALID_REQUEST, "Invalid Request: method must be a string");
    }
    // MCP basic protocol: a request id is a string or an integer, and MUST NOT be null.
    if (message.has("id") && !validId(message.get("id"))) {
      return reject(
          JsonRpcRejection.INVALID_REQUEST, "Invalid Request: id must be a string or an integer");
    }
    if (message.has("params") && !message.get("params").isObject()) {
      return reject(JsonRpcRejection.INVALID_REQUEST, "Invalid Request: params must be an object");
    }
    return message.has("id") ? McpParams.check(message) : Optional.empty();
  }

  private static Optional<JsonRpcRejection> checkResponse(JsonNode message) {
    boolean valid =
        message.has("id")
            && validId(message.get("id"))
            && (message.has("result") ^ message.has("error"));
    return valid
        ? Optional.empty()
        : reject(
            JsonRpcRejection.INVALID_REQUEST,
            "Invalid Request: neither a request, a notification nor a response");
  }

  static boolean validId(JsonNode id) {
    return id.isTextual() || id.isIntegralNumber();
  }

  private static Optional<JsonRpcRejection> reject(int code, String message) {
    return Optional.of(JsonRpcRejection.badMessage(code, message));
  }
}
