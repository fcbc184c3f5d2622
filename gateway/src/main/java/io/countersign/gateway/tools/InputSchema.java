package io.countersign.gateway.tools;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Optional;

/**
 * A tool's {@code inputSchema} as a check of arguments (MCP: JSON Schema, 2020-12 unless the schema
 * names another draft). Only self-contained schemas are checked: a schema that refers to another
 * document, or names a dialect that is not a json-schema.org draft, would make the gateway fetch
 * URLs an upstream chose, so it is reported as not checkable instead.
 */
public final class InputSchema {

  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  /** The most problems reported for one check. */
  static final int MAX_PROBLEMS = 10;

  private InputSchema() {}

  /** What checking arguments against a tool's schema found. */
  public sealed interface Check {}

  public record Valid() implements Check {}

  /** The arguments break the schema; each problem names where, e.g. {@code $.limit: ...}. */
  public record Invalid(List<String> problems) implements Check {}

  /** The schema cannot be checked safely (missing, external references, unreadable). */
  public record Uncheckable(String reason) implements Check {}

  /** Checks {@code arguments} against the {@code inputSchema} of a tool {@code definition}. */
  public static Check check(JsonObject definition, JsonObject arguments) {
    if (!(definition.get("inputSchema") instanceof JsonObject schema)) {
      return new Uncheckable("the tool has no input schema");
    }
    Optional<String> external = externalReference(schema);
    if (external.isPresent()) {
      return new Uncheckable("its input schema refers to '" + external.get() + "'");
    }
    List<Error> errors;
    try {
      errors =
          REGISTRY
              .getSchema(schema.toString(), InputFormat.JSON)
              .validate(arguments.toString(), InputFormat.JSON);
    } catch (RuntimeException e) {
      return new Uncheckable("its input schema could not be read: " + e.getMessage());
    }
    if (errors.isEmpty()) {
      return new Valid();
    }
    return new Invalid(errors.stream().limit(MAX_PROBLEMS).map(Error::toString).toList());
  }

  /** The first {@code $ref}-like or {@code $schema} value that points outside the schema. */
  private static Optional<String> externalReference(JsonValue value) {
    if (value instanceof JsonObject object) {
      for (var member : object.entrySet()) {
        if (member.getValue() instanceof JsonString text && pointsOutside(member.getKey(), text)) {
          return Optional.of(text.getString());
        }
        Optional<String> inner = externalReference(member.getValue());
        if (inner.isPresent()) {
          return inner;
        }
      }
    } else if (value instanceof JsonArray array) {
      for (JsonValue item : array) {
        Optional<String> inner = externalReference(item);
        if (inner.isPresent()) {
          return inner;
        }
      }
    }
    return Optional.empty();
  }

  private static boolean pointsOutside(String keyword, JsonString value) {
    String text = value.getString();
    return switch (keyword) {
      case "$ref", "$dynamicRef", "$recursiveRef" -> !text.startsWith("#");
      case "$schema" ->
          !(text.startsWith("https://json-schema.org/")
              || text.startsWith("http://json-schema.org/"));
      default -> false;
    };
  }
}
