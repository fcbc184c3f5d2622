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
    try (var reader = Jsonp.createReader(new StringReader(data))) {
      JsonValue value = reader.readValue();
      if (value.getValueType() != JsonValue.ValueType.OBJECT) {
        return Optional.empty();
      }
      JsonObject message = value.asJsonObject();
      boolean isResponse = !message.containsKey("method") && requestId.equals(message.get("id"));
      return isResponse ? Optional.of(message) : Optional.empty();
    } catch (JsonException e) {
      return Optional.empty();
    }
  }
}
