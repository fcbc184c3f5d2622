package io.countersign.tenant.policy;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;

/**
 * One text per JSON value: object members sorted by name, no insignificant whitespace (the shape of
 * RFC 8785 for documents made of strings, integers, booleans, arrays and objects), so equal
 * documents have equal digests.
 */
public final class CanonicalJson {

  private CanonicalJson() {}

  /** The canonical text of {@code value}. */
  public static String write(JsonValue value) {
    return sorted(value).toString();
  }

  /** Hex SHA-256 of the UTF-8 bytes of {@code canonicalText}. */
  public static String digest(String canonicalText) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(canonicalText.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  private static JsonValue sorted(JsonValue value) {
    if (value instanceof JsonObject object) {
      JsonObjectBuilder builder = Json.createObjectBuilder();
      new TreeMap<>(object).forEach((name, member) -> builder.add(name, sorted(member)));
      return builder.build();
    }
    if (value instanceof JsonArray array) {
      JsonArrayBuilder builder = Json.createArrayBuilder();
      array.forEach(element -> builder.add(sorted(element)));
      return builder.build();
    }
    return value;
  }
}
