package io.countersign.gateway.mcp;

import io.countersign.gateway.jsonrpc.Jsonp;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Optional;

/** Recognises, in relayed SSE data, the response that ends a request's stream. */
final class UpstreamMessagesView {

  private UpstreamMessagesView() {}

  static Optional<JsonObject> responseTo(String data, JsonValue requestId) {
    return parse(data)
        .filter(message -> !message.containsKey("method") && requestId.equals(message.get("id")));
  }

  /** The JSON object in the data; empty for anything else. */
  static Optional<JsonObject> parse(String data) {
    try (var reader = Jsonp.createReader(new StringReader(data))) {
      JsonValue value = reader.readValue();
      return value.getValueType() == JsonValue.ValueType.OBJECT
          ? Optional.of(value.asJsonObject())
          : Optional.empty();
    } catch (JsonException e) {
      return Optional.empty();
    }
  }
}
