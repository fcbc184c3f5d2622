package io.countersign.gateway.upstream;

import io.countersign.gateway.jsonrpc.Jsonp;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Optional;

/**
 * Reads JSON-RPC messages an upstream sent; anything else is empty (the caller reports garbage).
 */
final class UpstreamMessages {

  private UpstreamMessages() {}

  static Optional<JsonObject> parse(String text) {
    try (var reader = Jsonp.createReader(new StringReader(text))) {
      JsonValue value = reader.readValue();
      if (value.getValueType() != JsonValue.ValueType.OBJECT) {
        return Optional.empty();
      }
      JsonObject object = value.asJsonObject();
      return "2.0".equals(object.getString("jsonrpc", null))
          ? Optional.of(object)
          : Optional.empty();
    } catch (JsonException | ClassCastException e) {
      return Optional.empty();
    }
  }
}
