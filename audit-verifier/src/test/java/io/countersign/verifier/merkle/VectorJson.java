package io.countersign.verifier.merkle;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON reader for the test vectors, so the module's tests need nothing but JUnit:
 * objects become maps, arrays lists, integers {@link BigInteger} (a vector holds 2^64 - 1).
 */
final class VectorJson {

  private final String text;
  private int at;

  private VectorJson(String text) {
    this.text = text;
  }

  static Object parse(String text) {
    VectorJson reader = new VectorJson(text);
    Object value = reader.value();
    reader.skipSpace();
    if (reader.at != text.length()) {
      throw reader.error("trailing characters");
    }
    return value;
  }

  private Object value() {
    skipSpace();
    if (at == text.length()) {
      throw error("unexpected end");
    }
    char c = text.charAt(at);
    if (c == '{') {
      return object();
    }
    if (c == '[') {
      return array();
    }
    if (c == '"') {
      return string();
    }
    if (c == '-' || Character.isDigit(c)) {
      int start = at++;
      while (at < text.length() && Character.isDigit(text.charAt(at))) {
        at++;
      }
      return new BigInteger(text.substring(start, at));
    }
    for (String literal : List.of("true", "false", "null")) {
      if (text.startsWith(literal, at)) {
        at += literal.length();
        return literal.equals("null") ? Null.NULL : Boolean.valueOf(literal);
      }
    }
    throw error("unexpected character " + c);
  }

  /** JSON null, distinct from a missing key. */
  enum Null {
    NULL
  }

  private Map<String, Object> object() {
    Map<String, Object> object = new LinkedHashMap<>();
    expect('{');
    skipSpace();
    if (peek() == '}') {
      at++;
      return object;
    }
    do {
      skipSpace();
      String key = string();
      skipSpace();
      expect(':');
      if (object.put(key, value()) != null) {
        throw error("duplicate key " + key);
      }
      skipSpace();
    } while (peek() == ',' && at++ >= 0);
    expect('}');
    return object;
  }

  private List<Object> array() {
    List<Object> array = new ArrayList<>();
    expect('[');
    skipSpace();
    if (peek() == ']') {
      at++;
      return array;
    }
    do {
      array.add(value());
      skipSpace();
    } while (peek() == ',' && at++ >= 0);
    expect(']');
    return array;
  }

  private String string() {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (peek() != '"') {
      char c = text.charAt(at++);
      if (c == '\\') {
        char escaped = text.charAt(at++);
        switch (escaped) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'r' -> out.append('\r');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'u' -> {
            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
            at += 4;
          }
          case '"', '\\', '/' -> out.append(escaped);
          default -> throw error("bad escape \\" + escaped);
        }
      } else if (c < 0x20) {
        throw error("control character in string");
      } else {
        out.append(c);
      }
    }
    at++;
    return out.toString();
  }

  private char peek() {
    if (at >= text.length()) {
      throw error("unexpected end");
    }
    return text.charAt(at);
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected " + c);
    }
    at++;
  }

  private void skipSpace() {
    while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
  }

  private IllegalArgumentException error(String problem) {
    return new IllegalArgumentException(problem + " at offset " + at);
  }
}
