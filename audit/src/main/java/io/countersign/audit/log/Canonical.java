package io.countersign.audit.log;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import org.erdtman.jcs.JsonCanonicalizer;

/** RFC 8785 canonical JSON bytes, and the one JSON-P provider this package uses. */
final class Canonical {

  /** Looked up once: each {@code Json.createX} call would look it up again (costly on Liberty). */
  static final JsonProvider JSON = JsonProvider.provider();

  private Canonical() {}

  static byte[] bytes(JsonObject object) {
    return bytes(object.toString());
  }

  static byte[] bytes(String json) {
    try {
      return new JsonCanonicalizer(json).getEncodedUTF8();
    } catch (IOException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
    }
  }
}
