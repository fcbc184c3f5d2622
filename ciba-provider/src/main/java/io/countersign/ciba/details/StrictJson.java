package io.countersign.ciba.details;

import jakarta.json.Json;
import jakarta.json.JsonConfig;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.util.List;
import java.util.Map;

/**
 * Reads untrusted JSON text strictly: exactly one value (Parsson's reader ignores what follows it)
 * and no duplicate member names (with duplicates, what an approver is shown and what an upstream
 * receives could differ).
 */
final class StrictJson {

  private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());
  private static final JsonReaderFactory READERS =
      Json.createReaderFactory(Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));

  private StrictJson() {}

  /** The value {@code text} holds, or the problem at the document's root. */
  static Validation<JsonValue> read(String text) {
    if (text == null) {
      return new Validation.Invalid<>(List.of(new JsonProblem("", "no JSON given")));
    }
    try {
      // The parser reports anything after the value when asked for more; the reader does not.
      try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
        while (parser.hasNext()) {
          parser.next();
        }
      }
      try (JsonReader reader = READERS.createReader(new StringReader(text))) {
        return new Validation.Valid<>(reader.readValue());
      }
    } catch (JsonException e) {
      return new Validation.Invalid<>(
          List.of(new JsonProblem("", "not valid JSON: " + e.getMessage())));
    }
  }
}
