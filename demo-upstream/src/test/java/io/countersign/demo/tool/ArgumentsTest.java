package io.countersign.demo.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.spec.McpSchema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgumentsTest {

  private static final McpSchema.Tool TOOL =
      McpSchema.Tool.builder(
              "t",
              Schemas.parse(
                  """
                  {"type": "object", "properties": {
                    "s": {"type": "string"}, "n": {"type": "number"}, "i": {"type": "integer"},
                    "when": {"type": "string"}, "list": {"type": "array"}, "c": {"type": "string"}
                  }, "additionalProperties": false}
                  """))
          .build();

  private static Arguments args(Object... keyValues) {
    Map<String, Object> map = new HashMap<>();
    for (int k = 0; k < keyValues.length; k += 2) {
      map.put((String) keyValues[k], keyValues[k + 1]);
    }
    return Arguments.of(TOOL, map);
  }

  private static String refusal(Runnable read) {
    return assertThrows(InvalidArgumentException.class, read::run).getMessage();
  }

  @Test
  void ofWhenArgumentIsNotDeclaredThenRefusedWithTheAcceptedNames() {
    String message = refusal(() -> args("s", "x", "extra", 1));
    assertTrue(message.contains("[extra]"), message);
    assertTrue(message.contains("accepts [c, i, list, n, s, when]"), message);
  }

  @Test
  void ofWhenArgumentsAreAbsentThenEmpty() {
    assertEquals(Optional.empty(), Arguments.of(TOOL, null).optionalString("s", 0, 10));
  }

  @Test
  void requiredStringWhenMissingWrongTypeOrLengthThenRefused() {
    assertEquals("Missing required argument 's'", refusal(() -> args().requiredString("s", 1, 5)));
    assertEquals("'s' must be a string", refusal(() -> args("s", 5).requiredString("s", 1, 5)));
    assertEquals("'s' must not be empty", refusal(() -> args("s", "").requiredString("s", 1, 5)));
    assertEquals(
        "'s' must be 1 to 5 characters long",
        refusal(() -> args("s", "toolong").requiredString("s", 1, 5)));
    assertEquals("ok", args("s", "ok").requiredString("s", 1, 5));
  }

  @Test
  void optionalChoiceWhenNotAllowedThenRefusedWithTheChoices() {
    assertEquals(
        "'c' must be one of [a, b], got 'z'",
        refusal(() -> args("c", "z").optionalChoice("c", Set.of("a", "b"))));
    assertEquals(Optional.of("a"), args("c", "a").optionalChoice("c", Set.of("a", "b")));
  }

  @Test
  void optionalIntegerWhenFractionalOrOutOfRangeThenRefused() {
    assertEquals(
        "'i' must be a whole number, got 2.5",
        refusal(() -> args("i", 2.5).optionalInteger("i", 1, 10)));
    assertEquals(
        "'i' must be between 1 and 10, got 11",
        refusal(() -> args("i", 11).optionalInteger("i", 1, 10)));
    assertEquals("'i' must be a number", refusal(() -> args("i", "3").optionalInteger("i", 1, 10)));
    assertEquals(Optional.of(3), args("i", 3.0).optionalInteger("i", 1, 10));
  }

  @Test
  void requiredNumberWhenJacksonDoubleThenKeepsItsDecimalForm() {
    assertEquals(new BigDecimal("19.99"), args("n", 19.99).requiredNumber("n"));
    assertEquals(new BigDecimal("7"), args("n", 7).requiredNumber("n"));
    assertEquals("'n' must be a number", refusal(() -> args("n", Double.NaN).requiredNumber("n")));
  }

  @Test
  void optionalTimestampWhenDateOrOffsetDateTimeThenParsedElseRefused() {
    assertEquals(
        Optional.of(Instant.parse("2026-03-01T00:00:00Z")),
        args("when", "2026-03-01").optionalTimestamp("when"));
    assertEquals(
        Optional.of(Instant.parse("2026-03-01T10:00:00Z")),
        args("when", "2026-03-01T12:00:00+02:00").optionalTimestamp("when"));
    assertTrue(
        refusal(() -> args("when", "2026-03-01T12:00:00").optionalTimestamp("when"))
            .startsWith("'when' must be an ISO 8601 date"));
    assertTrue(
        refusal(() -> args("when", "yesterday").optionalTimestamp("when"))
            .contains("got 'yesterday'"));
  }

  @Test
  void requiredStringListWhenNotAnArrayOfStringsOrWrongSizeThenRefused() {
    assertEquals(
        "'list' must be an array of strings",
        refusal(() -> args("list", "a@b.c").requiredStringList("list", 1, 2, 10)));
    assertEquals(
        "'list' must have 1 to 2 items, got 0",
        refusal(() -> args("list", List.of()).requiredStringList("list", 1, 2, 10)));
    assertEquals(
        "'list[1]' must be a string",
        refusal(() -> args("list", Arrays.asList("a", 1)).requiredStringList("list", 1, 2, 10)));
    assertEquals(
        List.of("a", "b"), args("list", List.of("a", "b")).requiredStringList("list", 1, 2, 10));
  }
}
