package io.countersign.gateway.pipeline;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** The audit outcome of a forwarded {@code tools/call}, read from the upstream's response. */
public final class CallOutcome {

  private CallOutcome() {}

  /**
   * {@code upstream_error} (JSON-RPC error), {@code tool_error} ({@code isError}) or {@code
   * succeeded}.
   */
  public static String of(JsonObject response) {
    if (response.containsKey("error")) {
      return "upstream_error";
    }
    JsonValue result = response.get("result");
    boolean isError =
        result instanceof JsonObject object && object.get("isError") == JsonValue.TRUE;
    return isError ? "tool_error" : "succeeded";
  }
}
