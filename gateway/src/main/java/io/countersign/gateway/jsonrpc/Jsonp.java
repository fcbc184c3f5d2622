package io.countersign.gateway.jsonrpc;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.io.InputStream;
import java.io.Reader;

/**
 * The {@code jakarta.json.Json} factory methods the gateway uses, on one provider looked up once.
 * Each {@code Jsonp.createX} call looks the provider up again, and on Open Liberty that lookup
 * throws and catches a {@code ClassNotFoundException} every time: a measurable share of the CPU
 * spent per tool call before this class existed (see BENCHMARKS.md).
 */
public final class Jsonp {

  private static final JsonProvider PROVIDER = JsonProvider.provider();

  private Jsonp() {}

  public static JsonObjectBuilder createObjectBuilder() {
    return PROVIDER.createObjectBuilder();
  }

  public static JsonObjectBuilder createObjectBuilder(jakarta.json.JsonObject object) {
    return PROVIDER.createObjectBuilder(object);
  }

  public static JsonArrayBuilder createArrayBuilder() {
    return PROVIDER.createArrayBuilder();
  }

  public static JsonArrayBuilder createArrayBuilder(jakarta.json.JsonArray array) {
    return PROVIDER.createArrayBuilder(array);
  }

  public static JsonArrayBuilder createArrayBuilder(java.util.Collection<?> values) {
    return PROVIDER.createArrayBuilder(values);
  }

  public static JsonReader createReader(Reader reader) {
    return PROVIDER.createReader(reader);
  }

  public static JsonReader createReader(InputStream in) {
    return PROVIDER.createReader(in);
  }

  public static JsonString createValue(String value) {
    return PROVIDER.createValue(value);
  }

  public static JsonNumber createValue(long value) {
    return PROVIDER.createValue(value);
  }

  public static JsonNumber createValue(int value) {
    return PROVIDER.createValue(value);
  }
}
