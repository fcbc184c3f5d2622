package io.countersign.demo.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** Reads the JSON Schemas the tools declare, written as JSON text next to the code they guard. */
public final class Schemas {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Schemas() {}

  public static Map<String, Object> parse(String json) {
    try {
      return JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Invalid JSON Schema text: " + e.getOriginalMessage(), e);
    }
  }
}
