package io.countersign.web.approve;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.DateTimeException;
import java.util.Optional;
import java.util.function.Function;

/** A request body that must be a JSON object with certain members of certain types. */
final class JsonBody {

  private JsonBody() {}

  /**
   * What {@code members} reads from the body; empty when the body is not a JSON object, or lacks a
   * member {@code members} needs, or has one of another type or shape.
   */
  static <T> Optional<T> read(String body, Function<JsonObject, T> members) {
    try {
      return Optional.ofNullable(members.apply(object(body)));
    } catch (JsonException
        | IllegalArgumentException
        | ClassCastException
        | NullPointerException
        | DateTimeException e) {
      return Optional.empty();
    }
  }

  /** The body as a JSON object; {@link JsonException} when it is not one. */
  static JsonObject object(String body) {
    try (var reader = Json.createReader(new StringReader(body == null ? "" : body))) {
      return reader.readObject();
    }
  }
}
