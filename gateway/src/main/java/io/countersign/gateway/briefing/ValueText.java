package io.countersign.gateway.briefing;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Optional;

/**
 * One value of a call as a summary shows it: strings as they are (control and format characters
 * removed; {@value #BLANK} when nothing is left to see), numbers as written, booleans yes/no,
 * arrays as {@code a, b, c and 7 more}, a missing value or null as {@value #NONE}; each cut to
 * {@value #MAX_LENGTH} characters (an array's items to {@value #ITEM_MAX_LENGTH}). The values come
 * from the agent: they stay text and are never interpreted.
 */
final class ValueText {

  /** Longest value, in characters (code points), the ellipsis included. */
  static final int MAX_LENGTH = 80;

  /** What a missing value (or null) reads as. */
  static final String NONE = "(none)";

  /** What a string with nothing to see (empty, spaces, only removed characters) reads as. */
  static final String BLANK = "(blank)";

  /** Longest item of an array, so that "and N more" is always seen. */
  static final int ITEM_MAX_LENGTH = 40;

  /** Items of an array shown before "and N more". */
  static final int ITEMS_SHOWN = 3;

  private ValueText() {}

  /** The value as text; {@link #NONE} when absent. */
  static String of(Optional<JsonValue> value) {
    return value.map(ValueText::of).orElse(NONE);
  }

  static String of(JsonValue value) {
    if (value instanceof JsonArray array) {
      return list(array);
    }
    return scalar(value, MAX_LENGTH);
  }

  /** How many: items of an array, members of an object, 0 when missing or null, else 1. */
  static long count(Optional<JsonValue> value) {
    if (value.isEmpty() || value.get() == JsonValue.NULL) {
      return 0;
    }
    if (value.get() instanceof JsonArray array) {
      return array.size();
    }
    if (value.get() instanceof JsonObject object) {
      return object.size();
    }
    return 1;
  }

  /** Text from outside shown as it is, without control or format characters, cut. */
  static String text(String text) {
    return text(text, MAX_LENGTH);
  }

  /** {@link #text(String)} cut to {@code max}. */
  static String text(String text, int max) {
    StringBuilder clean = new StringBuilder(Math.min(text.length(), 4 * MAX_LENGTH));
    text.codePoints()
        .forEach(
            c -> {
              if (c == '\n' || c == '\r' || c == '\t' || c == 0x2028 || c == 0x2029) {
                clean.append(' ');
              } else if (!hidden(c)) {
                clean.appendCodePoint(c);
              }
            });
    return clean.toString().isBlank() ? BLANK : cut(clean.toString(), max);
  }

  /** {@code text} cut to {@code max} code points, the last being "…" when it was longer. */
  static String cut(String text, int max) {
    if (text.codePointCount(0, text.length()) <= max) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
  }

  /**
   * Control characters (C0, C1), format characters (bidirectional overrides, zero-width joiners:
   * they could make a value read otherwise than it is) and lone surrogates.
   */
  private static boolean hidden(int c) {
    int type = Character.getType(c);
    return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE;
  }

  private static String scalar(JsonValue value, int max) {
    if (value instanceof JsonString string) {
      return text(string.getString(), max);
    }
    if (value instanceof JsonNumber number) {
      return cut(number.toString(), max);
    }
    if (value == JsonValue.TRUE) {
      return "yes";
    }
    if (value == JsonValue.FALSE) {
      return "no";
    }
    if (value instanceof JsonObject object) {
      return "(" + object.size() + (object.size() == 1 ? " field)" : " fields)");
    }
    if (value instanceof JsonArray array) {
      return "(list of " + array.size() + ")";
    }
    return NONE;
  }

  /** "a", "a and b", "a, b and c", "a, b, c and 7 more"; "(empty list)" for none. */
  private static String list(JsonArray array) {
    if (array.isEmpty()) {
      return "(empty list)";
    }
    int shown = array.size() <= ITEMS_SHOWN + 1 ? array.size() : ITEMS_SHOWN;
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < shown; i++) {
      if (i > 0) {
        text.append(i == shown - 1 && shown == array.size() ? " and " : ", ");
      }
      text.append(scalar(array.get(i), ITEM_MAX_LENGTH));
    }
    if (shown < array.size()) {
      text.append(" and ").append(array.size() - shown).append(" more");
    }
    return text.toString();
  }
}
