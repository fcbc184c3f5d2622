package io.countersign.ciba.jose;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON read into plain Java values without losing a digit.
 *
 * <p>Why not Nimbus' own parser: it reads numbers with Gson's {@code LONG_OR_DOUBLE} policy, so
 * {@code 12345678901234567890} comes back as {@code 1.2345678901234567E19}, {@code 1e3} as {@code
 * 1000.0} and long decimals lose digits. An approved {@code authorization_details} array must reach
 * the token with the very amounts the approvers saw. JSON-P reads numbers as {@link
 * java.math.BigDecimal}; they become {@link Long}, {@link BigInteger} or {@link
 * java.math.BigDecimal} here, and Nimbus' Gson writes those back digit for digit.
 *
 * <p>Limits: the JSON value survives, not its spelling. Whitespace is dropped, escapes are
 * rewritten, and exponents are normalised ({@code 1e3} is written {@code 1E+3}). Duplicate member
 * names are refused (RFC 7519 section 4 allows refusing them, and it closes the door on two parsers
 * reading two different claims), and so is content after the value.
 */
final class ExactJson {

  /**
   * Deepest nesting read. Our own bound, below Parsson's (1000, which it reports with a bare {@code
   * RuntimeException}), so that deep input is a refusal with any JSON-P provider.
   */
  static final int MAX_DEPTH = 64;

  private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

  private ExactJson() {}

  /** The JSON object in {@code json}, with exact numbers. */
  @SuppressWarnings("unchecked")
  static Outcome<Map<String, Object>> object(String json) {
    Outcome<Object> value = value(json);
    if (value instanceof Outcome.Ok<Object> ok && ok.value() instanceof Map<?, ?> map) {
      return new Outcome.Ok<>((Map<String, Object>) map);
    }
    return new Outcome.Problem<>(problem(value, "a JSON object"));
  }

  /** The JSON array in {@code json}, with exact numbers. */
  @SuppressWarnings("unchecked")
  static Outcome<List<Object>> array(String json) {
    Outcome<Object> value = value(json);
    if (value instanceof Outcome.Ok<Object> ok && ok.value() instanceof List<?> list) {
      return new Outcome.Ok<>((List<Object>) list);
    }
    return new Outcome.Problem<>(problem(value, "a JSON array"));
  }

  private static String problem(Outcome<Object> value, String expected) {
    return value instanceof Outcome.Problem<Object> p ? p.reason() : "not " + expected;
  }

  /**
   * Reads the events itself rather than through {@code JsonReader}: Parsson's reader ignores
   * content after the value and its parser's {@code getValue()} keeps the last of duplicate
   * members.
   */
  private static Outcome<Object> value(String json) {
    if (json == null) {
      return new Outcome.Problem<>("no JSON");
    }
    try (JsonParser parser = PARSERS.createParser(new StringReader(json))) {
      if (!parser.hasNext()) {
        return new Outcome.Problem<>("no JSON");
      }
      Object value = read(parser, parser.next(), 1);
      if (parser.hasNext()) {
        return new Outcome.Problem<>("malformed JSON: content after the value");
      }
      return new Outcome.Ok<>(value);
    } catch (JsonException e) {
      return new Outcome.Problem<>("malformed JSON: " + e.getMessage());
    }
  }

  private static Object read(JsonParser parser, JsonParser.Event event, int depth) {
    if (depth > MAX_DEPTH) {
      throw new JsonParsingException("nested deeper than " + MAX_DEPTH, parser.getLocation());
    }
    return switch (event) {
      case START_OBJECT -> object(parser, depth);
      case START_ARRAY -> array(parser, depth);
      case VALUE_STRING -> parser.getString();
      case VALUE_NUMBER -> number(parser.getBigDecimal());
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw new JsonParsingException("unexpected " + event, parser.getLocation());
    };
  }

  private static Map<String, Object> object(JsonParser parser, int depth) {
    Map<String, Object> object = new LinkedHashMap<>();
    for (var event = parser.next(); event != JsonParser.Event.END_OBJECT; event = parser.next()) {
      String name = parser.getString();
      if (object.containsKey(name)) {
        throw new JsonParsingException("duplicate member " + name, parser.getLocation());
      }
      object.put(name, read(parser, parser.next(), depth + 1));
    }
    return object;
  }

  private static List<Object> array(JsonParser parser, int depth) {
    List<Object> array = new ArrayList<>();
    for (var event = parser.next(); event != JsonParser.Event.END_ARRAY; event = parser.next()) {
      array.add(read(parser, event, depth + 1));
    }
    return array;
  }

  /** Integers stay {@link Long} where they fit, as Nimbus reads them; the rest stay exact. */
  private static Object number(BigDecimal number) {
    if (number.scale() == 0) {
      BigInteger integer = number.toBigIntegerExact();
      return integer.bitLength() < Long.SIZE ? (Object) integer.longValueExact() : integer;
    }
    return number;
  }
}
