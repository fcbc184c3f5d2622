package io.countersign.audit.log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.erdtman.jcs.NumberToJSON;

/**
 * A JSON object of strings, integers and such objects, written straight to its RFC 8785 canonical
 * form: members sorted by the UTF-16 code units of their names (§3.2.3), strings escaped as
 * ECMAScript's JSON.stringify escapes them (§3.2.2.2), numbers in ECMAScript's form (§3.2.2.3),
 * then UTF-8. It gives the bytes {@link Canonical#bytes} gives for the same object, without writing
 * the object out and parsing it back, which was the larger part of an audit entry's cost.
 */
final class CanonicalObject {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final Map<String, Object> members = new TreeMap<>();

  CanonicalObject add(String name, String value) {
    return put(name, value);
  }

  CanonicalObject add(String name, long value) {
    return put(name, value);
  }

  CanonicalObject add(String name, CanonicalObject value) {
    return put(name, value);
  }

  private CanonicalObject put(String name, Object value) {
    if (members.putIfAbsent(name, value) != null) {
      throw new IllegalArgumentException("member '" + name + "' given twice");
    }
    return this;
  }

  /** The canonical UTF-8 bytes. */
  byte[] bytes() {
    StringBuilder json = new StringBuilder(512);
    write(json);
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void write(StringBuilder json) {
    json.append('{');
    boolean first = true;
    for (Map.Entry<String, Object> member : members.entrySet()) {
      if (!first) {
        json.append(',');
      }
      first = false;
      string(json, member.getKey());
      json.append(':');
      Object value = member.getValue();
      if (value instanceof String text) {
        string(json, text);
      } else if (value instanceof Long number) {
        json.append(number(number));
      } else {
        ((CanonicalObject) value).write(json);
      }
    }
    json.append('}');
  }

  /**
   * JSON.stringify's QuoteJSONString as RFC 8785 §3.2.2.2 takes it. Runs of characters that need no
   * escape are appended whole: most strings of a leaf have none.
   */
  private static void string(StringBuilder json, String text) {
    json.append('"');
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      json.append(text, run, i);
      run = i + 1;
      switch (c) {
        case '"', '\\' -> json.append('\\').append(c);
        case '\b' -> json.append("\\b");
        case '\t' -> json.append("\\t");
        case '\n' -> json.append("\\n");
        case '\f' -> json.append("\\f");
        case '\r' -> json.append("\\r");
        default -> json.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    json.append(text, run, text.length()).append('"');
  }

  /** An integer as ECMAScript writes the IEEE 754 double it is read as (§3.2.2.3). */
  private static String number(long value) {
    if (value >= -(1L << 53) && value <= (1L << 53)) {
      return Long.toString(value);
    }
    try {
      return NumberToJSON.serializeNumber((double) value);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a JSON number: " + value, e);
    }
  }
}
