package io.countersign.demo.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The params the SDK would otherwise fail on with an internal error: answered as -32602 (Invalid
 * params), as the MCP spec asks for malformed tools/call and initialize requests.
 */
final class McpParams {

  private McpParams() {}

  static Optional<JsonRpcRejection> check(JsonNode request) {
    JsonNode id = request.get("id");
    JsonNode params = request.path("params");
    switch (request.get("method").textValue()) {
      case "tools/call":
        if (!params.path("name").isTextual()) {
          return Optional.of(
              JsonRpcRejection.invalidParams(id, "Invalid params: name is required"));
        }
        if (params.has("arguments") && !params.get("arguments").isObject()) {
          return Optional.of(
              JsonRpcRejection.invalidParams(id, "Invalid params: arguments must be an object"));
        }
        return Optional.empty();
      case "initialize":
        if (!params.path("protocolVersion").isTextual()) {
          return Optional.of(
              JsonRpcRejection.invalidParams(id, "Invalid params: protocolVersion is required"));
        }
        return Optional.empty();
      default:
        return Optional.empty();
    }
  }
}
