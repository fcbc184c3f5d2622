package io.countersign.ciba.details;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * The arguments of a tool call: a JSON object, kept as the text received, and the lowercase hex
 * SHA-256 of its RFC 8785 (JSON Canonicalization Scheme) form, the same digest as the audit
 * module's {@code ArgumentsDigest}.
 *
 * <p>Two instances are equal when their digests are: key order, white space and number spelling do
 * not matter. To keep the digest a faithful fingerprint, arguments are refused when they contain
 * duplicate member names, or a number whose canonical form (an IEEE 754 double, as RFC 8785
 * requires) would not be the same number, such as {@code 9007199254740993}: otherwise two different
 * argument texts could share one digest. Send such values as strings.
 */
public final class ToolArguments {

  private final String json;
  private final String sha256;

  private ToolArguments(String json, String sha256) {
    this.json = json;
    this.sha256 = sha256;
  }

  /**
   * Reads untrusted text.
   *
   * @return the arguments, or every problem, with pointers relative to the arguments object
   */
  public static Validation<ToolArguments> read(String json) {
    Validation<JsonValue> value = StrictJson.read(json);
    if (value instanceof Validation.Invalid<JsonValue> invalid) {
      return new Validation.Invalid<>(invalid.problems());
    }
    JsonValue parsed = ((Validation.Valid<JsonValue>) value).value();
    if (!(parsed instanceof JsonObject object)) {
      return new Validation.Invalid<>(List.of(new JsonProblem("", "must be a JSON object")));
    }
    return check(object, "", json);
  }

  /**
   * Arguments known to be valid, e.g. in tests and fixtures.
   *
   * @throws IllegalArgumentException listing the problems
   */
  public static ToolArguments of(String json) {
    Validation<ToolArguments> read = read(json);
    if (read instanceof Validation.Invalid<ToolArguments> invalid) {
      throw new IllegalArgumentException("invalid tool arguments: " + invalid.problems());
    }
    return ((Validation.Valid<ToolArguments>) read).value();
  }

  /** Checks an object already parsed; problems point below {@code pointer}. */
  static Validation<ToolArguments> check(JsonObject object, String pointer) {
    return check(object, pointer, object.toString());
  }

  private static Validation<ToolArguments> check(JsonObject object, String pointer, String text) {
    List<JsonProblem> problems = new ArrayList<>();
    compareNumbers(object, null, pointer, problems);
    if (!problems.isEmpty()) {
      return new Validation.Invalid<>(problems);
    }
    String canonical;
    try {
      canonical = new JsonCanonicalizer(text).getEncodedString();
    } catch (IOException e) {
      return new Validation.Invalid<>(
          List.of(new JsonProblem(pointer, "cannot be canonicalised: " + e.getMessage())));
    }
    JsonValue reread = ((Validation.Valid<JsonValue>) StrictJson.read(canonical)).value();
    compareNumbers(object, reread, pointer, problems);
    if (!problems.isEmpty()) {
      return new Validation.Invalid<>(problems);
    }
    return new Validation.Valid<>(new ToolArguments(text, sha256(canonical)));
  }

  /**
   * Finds numbers that RFC 8785 cannot keep: too large for a double, or (when {@code canonical},
   * the canonical form read back, is given) changed by the round trip through a double.
   */
  private static void compareNumbers(
      JsonValue original, JsonValue canonical, String pointer, List<JsonProblem> problems) {
    if (original instanceof JsonNumber number) {
      if (Double.isInfinite(number.doubleValue())) {
        problems.add(new JsonProblem(pointer, "number " + number + " is too large for JSON"));
      } else if (canonical != null
          && number.bigDecimalValue().compareTo(((JsonNumber) canonical).bigDecimalValue()) != 0) {
        problems.add(
            new JsonProblem(
                pointer,
                "number "
                    + number
                    + " would change to "
                    + canonical
                    + " in canonical JSON (RFC 8785); send it as a string"));
      }
    } else if (original instanceof JsonObject object) {
      object.forEach(
          (name, member) ->
              compareNumbers(
                  member,
                  canonical == null ? null : canonical.asJsonObject().get(name),
                  JsonProblem.child(pointer, name),
                  problems));
    } else if (original instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        compareNumbers(
            array.get(i),
            canonical == null ? null : canonical.asJsonArray().get(i),
            JsonProblem.child(pointer, String.valueOf(i)),
            problems);
      }
    }
  }

  private static String sha256(String canonical) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The JSON object text as received. */
  public String json() {
    return json;
  }

  /** Lowercase hex SHA-256 of the canonical form: {@code arguments_sha256}. */
  public String sha256() {
    return sha256;
  }

  /** The arguments as a JSON object. */
  public JsonObject asJsonObject() {
    return ((Validation.Valid<JsonValue>) StrictJson.read(json)).value().asJsonObject();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ToolArguments arguments && sha256.equals(arguments.sha256);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sha256);
  }

  @Override
  public String toString() {
    return "ToolArguments[sha256=" + sha256 + ", json=" + json + "]";
  }
}
