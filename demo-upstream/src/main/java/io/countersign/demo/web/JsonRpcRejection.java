package io.countersign.demo.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A message refused before it reaches the MCP server, as a JSON-RPC error response.
 *
 * @param httpStatus 400 when the message is unusable, 200 for a well-formed request with bad params
 * @param id the request id, or JSON null when it is unknown
 */
public record JsonRpcRejection(int httpStatus, JsonNode id, int code, String message) {

  public static final int PARSE_ERROR = -32700;
  public static final int INVALID_REQUEST = -32600;
  public static final int INVALID_PARAMS = -32602;

  static JsonRpcRejection badMessage(int code, String message) {
    return new JsonRpcRejection(400, JsonNodeFactory.instance.nullNode(), code, message);
  }

  static JsonRpcRejection invalidParams(JsonNode id, String message) {
    return new JsonRpcRejection(200, id, INVALID_PARAMS, message);
  }

  public ObjectNode toJson() {
    ObjectNode response = JsonNodeFactory.instance.objectNode();
    response.put("jsonrpc", "2.0");
    response.set("id", id);
    response.putObject("error").put("code", code).put("message", message);
    return response;
  }
}
