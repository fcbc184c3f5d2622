package io.countersign.demo.tool;

import io.modelcontextprotocol.spec.McpSchema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code arguments} of one {@code tools/call}, read with the checks the tool's input schema
 * promises. Every getter throws {@link InvalidArgumentException} with a message naming the
 * argument.
 */
public final class Arguments {

  private final Map<String, Object> values;

  private Arguments(Map<String, Object> values) {
    this.values = values;
  }

  /**
   * Wraps the arguments of a call to {@code tool}, refusing names its input schema does not declare
   * ({@code additionalProperties: false}).
   */
  public static Arguments of(McpSchema.Tool tool, Map<String, Object> arguments) {
    Map<String, Object> values = arguments == null ? Map.of() : arguments;
    Set<String> declared = declaredProperties(tool);
    Set<String> unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(declared);
    if (!unknown.isEmpty()) {
      throw new InvalidArgumentException(
          "Unknown argument(s) "
              + unknown
              + "; "
              + tool.name()
              + " accepts "
              + new TreeSet<>(declared));
    }
    return new Arguments(values);
  }

  @SuppressWarnings("unchecked")
  private static Set<String> declaredProperties(McpSchema.Tool tool) {
    Object properties = tool.inputSchema().get("properties");
    return properties instanceof Map<?, ?> map ? ((Map<String, Object>) map).keySet() : Set.of();
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  public String requiredString(String name, int minLength, int maxLength) {
    return optionalString(name, minLength, maxLength).orElseThrow(() -> missing(name));
  }

  public Optional<String> optionalString(String name, int minLength, int maxLength) {
    if (!values.containsKey(name)) {
      return Optional.empty();
    }
    return Optional.of(checkLength(name, asString(name, values.get(name)), minLength, maxLength));
  }

  /** A string that must be one of {@code allowed}. */
  public Optional<String> optionalChoice(String name, Set<String> allowed) {
    Optional<String> value = optionalString(name, 1, 100);
    value
        .filter(v -> !allowed.contains(v))
        .ifPresent(
            v -> {
              throw new InvalidArgumentException(
                  "'" + name + "' must be one of " + new TreeSet<>(allowed) + ", got '" + v + "'");
            });
    return value;
  }

  public String requiredChoice(String name, Set<String> allowed) {
    return optionalChoice(name, allowed).orElseThrow(() -> missing(name));
  }

  public Optional<Integer> optionalInteger(String name, int min, int max) {
    if (!values.containsKey(name)) {
      return Optional.empty();
    }
    BigDecimal number = asNumber(name, values.get(name));
    if (number.stripTrailingZeros().scale() > 0) {
      throw new InvalidArgumentException("'" + name + "' must be a whole number, got " + number);
    }
    if (number.compareTo(BigDecimal.valueOf(min)) < 0
        || number.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw new InvalidArgumentException(
          "'" + name + "' must be between " + min + " and " + max + ", got " + number);
    }
    return Optional.of(number.intValueExact());
  }

  public BigDecimal requiredNumber(String name) {
    if (!values.containsKey(name)) {
      throw missing(name);
    }
    return asNumber(name, values.get(name));
  }

  /**
   * An ISO 8601 date ({@code 2026-03-01}, read as midnight UTC) or date-time with an offset ({@code
   * 2026-03-01T12:00:00Z}).
   */
  public Optional<Instant> optionalTimestamp(String name) {
    return optionalString(name, 1, 64).map(text -> parseTimestamp(name, text));
  }

  /** A non-empty array of strings, each at most {@code maxLength} long. */
  public List<String> requiredStringList(String name, int minItems, int maxItems, int maxLength) {
    if (!values.containsKey(name)) {
      throw missing(name);
    }
    if (!(values.get(name) instanceof List<?> list)) {
      throw new InvalidArgumentException("'" + name + "' must be an array of strings");
    }
    if (list.size() < minItems || list.size() > maxItems) {
      throw new InvalidArgumentException(
          "'"
              + name
              + "' must have "
              + minItems
              + " to "
              + maxItems
              + " items, got "
              + list.size());
    }
    List<String> strings = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      String item = name + "[" + i + "]";
      strings.add(checkLength(item, asString(item, list.get(i)), 1, maxLength));
    }
    return List.copyOf(strings);
  }

  private static InvalidArgumentException missing(String name) {
    return new InvalidArgumentException("Missing required argument '" + name + "'");
  }

  private static String asString(String name, Object value) {
    if (value instanceof String s) {
      return s;
    }
    throw new InvalidArgumentException("'" + name + "' must be a string");
  }

  private static String checkLength(String name, String value, int minLength, int maxLength) {
    int length = value.codePointCount(0, value.length());
    if (length < minLength || length > maxLength) {
      throw new InvalidArgumentException(
          minLength > 0 && length == 0
              ? "'" + name + "' must not be empty"
              : "'" + name + "' must be " + minLength + " to " + maxLength + " characters long");
    }
    return value;
  }

  private static BigDecimal asNumber(String name, Object value) {
    if (value instanceof BigDecimal d) {
      return d;
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    if (value instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if ((value instanceof Double || value instanceof Float)
        && Double.isFinite(((Number) value).doubleValue())) {
      // Jackson reads JSON fractions as doubles; valueOf keeps their shortest decimal form (19.99).
      return BigDecimal.valueOf(((Number) value).doubleValue());
    }
    throw new InvalidArgumentException("'" + name + "' must be a number");
  }

  private static Instant parseTimestamp(String name, String text) {
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException e) {
      throw new InvalidArgumentException(
          "'"
              + name
              + "' must be an ISO 8601 date (2026-03-01) or date-time with offset"
              + " (2026-03-01T12:00:00Z), got '"
              + text
              + "'");
    }
  }
}
