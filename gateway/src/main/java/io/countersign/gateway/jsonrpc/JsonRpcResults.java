package io.countersign.gateway.jsonrpc;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** Builders for the responses the gateway answers itself. */
public final class JsonRpcResults {

  private JsonRpcResults() {}

  public static JsonObject result(JsonValue id, JsonObject result) {
    return Jsonp.createObjectBuilder()
        .add("jsonrpc", "2.0")
        .add("id", id)
        .add("result", result)
        .build();
  }

  /**
   * A {@code tools/call} result that reports a tool error to the model ({@code isError: true}), as
   * MCP asks for failures the model can act on.
   */
  public static JsonObject toolError(JsonValue id, String text) {
    return result(id, toolErrorResult(text));
  }

  /** The {@code result} object of {@link #toolError}. */
  public static JsonObject toolErrorResult(String text) {
    return Jsonp.createObjectBuilder()
        .add(
            "content",
            Jsonp.createArrayBuilder()
                .add(Jsonp.createObjectBuilder().add("type", "text").add("text", text)))
        .add("isError", true)
        .build();
  }
}
