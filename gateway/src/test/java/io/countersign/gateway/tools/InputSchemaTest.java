package io.countersign.gateway.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class InputSchemaTest {

  private static final String ORDERS_SCHEMA =
      "{\"type\":\"object\",\"properties\":{"
          + "\"status\":{\"type\":\"string\",\"enum\":[\"paid\",\"shipped\"]},"
          + "\"limit\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":100}},"
          + "\"required\":[\"status\"],\"additionalProperties\":false}";

  @Test
  void argumentsThatFitTheSchemaAreValid() {
    assertInstanceOf(
        InputSchema.Valid.class,
        InputSchema.check(tool(ORDERS_SCHEMA), json("{\"status\":\"paid\",\"limit\":10}")));
  }

  @Test
  void everyBrokenRuleIsReportedWithItsLocation() {
    var check =
        InputSchema.check(
            tool(ORDERS_SCHEMA), json("{\"status\":\"lost\",\"limit\":1000,\"extra\":true}"));
    var invalid = assertInstanceOf(InputSchema.Invalid.class, check);
    assertEquals(3, invalid.problems().size(), invalid.problems().toString());
    String text = String.join("\n", invalid.problems());
    assertTrue(text.contains("status"), text);
    assertTrue(text.contains("limit"), text);
    assertTrue(text.contains("extra"), text);
  }

  @Test
  void aMissingRequiredArgumentIsInvalid() {
    assertInstanceOf(
        InputSchema.Invalid.class, InputSchema.check(tool(ORDERS_SCHEMA), json("{\"limit\":1}")));
  }

  @Test
  void localReferencesAreFollowed() {
    String schema =
        "{\"type\":\"object\",\"$defs\":{\"n\":{\"type\":\"integer\",\"maximum\":5}},"
            + "\"properties\":{\"limit\":{\"$ref\":\"#/$defs/n\"}}}";
    assertInstanceOf(
        InputSchema.Valid.class, InputSchema.check(tool(schema), json("{\"limit\":5}")));
    assertInstanceOf(
        InputSchema.Invalid.class, InputSchema.check(tool(schema), json("{\"limit\":6}")));
  }

  @Test
  void aReferenceToAnotherDocumentIsNotFetchedButReportedUncheckable() {
    String schema =
        "{\"type\":\"object\",\"properties\":{\"x\":{\"$ref\":\"http://169.254.169.254/latest\"}}}";
    var check = InputSchema.check(tool(schema), json("{\"x\":1}"));
    var uncheckable = assertInstanceOf(InputSchema.Uncheckable.class, check);
    assertTrue(uncheckable.reason().contains("169.254.169.254"), uncheckable.reason());
  }

  @Test
  void anUnknownDialectIsUncheckable() {
    String schema = "{\"$schema\":\"https://schemas.example/evil\",\"type\":\"object\"}";
    assertInstanceOf(InputSchema.Uncheckable.class, InputSchema.check(tool(schema), json("{}")));
  }

  @Test
  void aDraft07SchemaIsCheckedByItsOwnRules() {
    String schema =
        "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"object\","
            + "\"properties\":{\"n\":{\"type\":\"integer\"}}}";
    assertInstanceOf(
        InputSchema.Invalid.class, InputSchema.check(tool(schema), json("{\"n\":\"one\"}")));
  }

  @Test
  void aToolWithoutSchemaIsUncheckable() {
    assertInstanceOf(
        InputSchema.Uncheckable.class,
        InputSchema.check(Json.createObjectBuilder().add("name", "t").build(), json("{}")));
  }

  private static JsonObject tool(String schema) {
    return Json.createObjectBuilder().add("name", "t").add("inputSchema", json(schema)).build();
  }

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }
}
