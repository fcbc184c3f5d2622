package io.countersign.ciba.details;

import static io.countersign.ciba.details.Validations.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.countersign.ciba.binding.BindingCode;
import io.countersign.ciba.quorum.QuorumRule;
import io.countersign.ciba.quorum.QuorumSyntaxException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The published schema and {@link McpToolCallValidator} say the same thing. */
class McpToolCallSchemaTest {

  private static JsonObject schema;

  @BeforeAll
  static void readSchema() throws Exception {
    try (InputStream in =
            McpToolCallSchemaTest.class.getResourceAsStream("/schema/mcp_tool_call.schema.json");
        JsonReader reader = Json.createReader(in)) {
      schema = reader.readObject();
    }
  }

  @Test
  void schemaWhenReadThenDraft202012ClosedObject() {
    assertEquals("https://json-schema.org/draft/2020-12/schema", schema.getString("$schema"));
    assertEquals("object", schema.getString("type"));
    assertEquals(JsonValue.FALSE, schema.get("additionalProperties"));
    assertEquals(McpToolCall.TYPE, property("type").getString("const"));
  }

  @Test
  void requiredWhenComparedThenSameMembersInSameOrder() {
    List<String> required =
        schema.getJsonArray("required").getValuesAs(JsonString.class).stream()
            .map(JsonString::getString)
            .toList();

    assertEquals(McpToolCallValidator.REQUIRED, required);
  }

  @Test
  void propertiesWhenComparedThenRequiredPlusOptional() {
    Set<String> known = new HashSet<>(McpToolCallValidator.REQUIRED);
    known.addAll(McpToolCallValidator.OPTIONAL);

    assertEquals(known, schema.getJsonObject("properties").keySet());
  }

  @Test
  void requiredWhenEachLeftOutThenValidatorReportsItMissing() {
    for (String member : McpToolCallValidator.REQUIRED) {
      JsonObject json = TestCalls.json().remove(member).build();

      assertEquals(
          List.of(new JsonProblem("/" + member, "is required")),
          problems(McpToolCallValidator.validate(json, "")),
          member);
    }
  }

  @Test
  void patternsWhenComparedThenSameAsValidator() {
    assertEquals(McpToolCall.TENANT_PATTERN, pattern("tenant"));
    assertEquals(McpToolCall.UPSTREAM_PATTERN, pattern("upstream"));
    assertEquals(McpToolCall.POLICY_RULE_PATTERN, pattern("policy_rule"));
    assertEquals(McpToolCall.SHA256_PATTERN, pattern("arguments_sha256"));
    assertEquals("^" + BindingCode.PATTERN + "$", pattern("binding_code"));
    assertEquals(McpToolCall.NOT_BLANK_PATTERN, pattern("tool"));
    assertEquals(McpToolCall.NOT_BLANK_PATTERN, pattern("summary"));
  }

  @Test
  void lengthsAndRiskWhenComparedThenSameAsValidator() {
    assertEquals(McpToolCall.TOOL_MAX_LENGTH, property("tool").getInt("maxLength"));
    assertEquals(McpToolCall.SUMMARY_MAX_LENGTH, property("summary").getInt("maxLength"));
    assertEquals(
        Arrays.stream(Risk.values()).map(Risk::wireName).toList(),
        property("risk").getJsonArray("enum").getValuesAs(JsonString.class).stream()
            .map(JsonString::getString)
            .toList());
    assertEquals("object", property("arguments").getString("type"));
  }

  @Test
  void triggersWhenComparedThenSameLimitsAsValidator() {
    JsonObject triggers = property("triggers");
    JsonObject items = triggers.getJsonObject("items");

    assertEquals("array", triggers.getString("type"));
    assertEquals(McpToolCall.TRIGGERS_MAX_ITEMS, triggers.getInt("maxItems"));
    assertEquals("string", items.getString("type"));
    assertEquals(1, items.getInt("minLength"));
    assertEquals(McpToolCall.TRIGGER_MAX_LENGTH, items.getInt("maxLength"));
    assertEquals(McpToolCall.NOT_BLANK_PATTERN, items.getString("pattern"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1 of security",
        "1 of security and 2 of db-owners",
        " 2  of ops ; reject   when unreachable ",
        "1 of a; reject on any",
        "99 of x",
        "",
        "0 of security",
        "100 of security",
        "1 of Security",
        "1 of a and",
        "1 of a or 1 of b",
        "1 of a; reject never",
        "1 of a;",
        "one of a"
      })
  void quorumWhenCheckedThenSchemaPatternAgreesWithParser(String text) {
    boolean schemaAccepts = Pattern.compile(pattern("quorum")).matcher(text).find();
    boolean parserAccepts;
    try {
      QuorumRule.parse(text);
      parserAccepts = true;
    } catch (QuorumSyntaxException e) {
      parserAccepts = false;
    }

    assertEquals(parserAccepts, schemaAccepts, text);
  }

  @Test
  void quorumPatternWhenComparedThenSameAsParser() {
    assertEquals(QuorumRule.TEXT_PATTERN, pattern("quorum"));
  }

  @Test
  void everyPropertyWhenReadThenHasTypeOrConstOrEnum() {
    List<String> untyped = new ArrayList<>();
    schema
        .getJsonObject("properties")
        .forEach(
            (name, value) -> {
              JsonObject property = value.asJsonObject();
              if (!property.containsKey("type")
                  && !property.containsKey("const")
                  && !property.containsKey("enum")) {
                untyped.add(name);
              }
            });

    assertEquals(List.of(), untyped);
  }

  private static JsonObject property(String name) {
    JsonObject property = schema.getJsonObject("properties").getJsonObject(name);
    assertNotNull(property, name);
    return property;
  }

  private static String pattern(String name) {
    return property(name).getString("pattern");
  }
}
