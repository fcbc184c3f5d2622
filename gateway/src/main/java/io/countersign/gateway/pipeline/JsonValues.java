package io.countersign.gateway.pipeline;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON values as the policy sees them: strings, {@code Long} for integers, {@code Double} for other
 * numbers, booleans, lists, maps and {@code null}.
 */
final class JsonValues {

  private JsonValues() {}

  /** An absent object reads as an empty map. */
  static Map<String, Object> toJava(JsonObject object) {
    if (object == null) {
      return Map.of();
    }
    Map<String, Object> map = new LinkedHashMap<>();
    object.forEach((key, value) -> map.put(key, toJava(value)));
    return Collections.unmodifiableMap(map);
  }

  static Object toJava(JsonValue value) {
    switch (value.getValueType()) {
      case OBJECT:
        return toJava(value.asJsonObject());
      case ARRAY:
        List<Object> list = new ArrayList<>();
        for (JsonValue item : (JsonArray) value) {
          list.add(toJava(item));
        }
        return Collections.unmodifiableList(list);
      case STRING:
        return ((JsonString) value).getString();
      case NUMBER:
        JsonNumber number = (JsonNumber) value;
        return number.isIntegral() && fitsLong(number) ? number.longValue() : number.doubleValue();
      case TRUE:
        return Boolean.TRUE;
      case FALSE:
        return Boolean.FALSE;
      default:
        return null;
    }
  }

  private static boolean fitsLong(JsonNumber number) {
    return number.bigDecimalValue().abs().compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE))
        <= 0;
  }
}
