package io.countersign.ciba.details;

import static io.countersign.ciba.details.Validations.problems;
import static io.countersign.ciba.details.Validations.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code triggers} member of an {@code mcp_tool_call}: optional, short strings, at most 10. */
class TriggersValidationTest {

  private static final List<String> TRIGGERS =
      List.of(
          "policy rule big-refunds: args.amount > 100",
          "destructive tool (upstream annotation destructiveHint)",
          "risk set by the rule: high");

  @Test
  void validateWhenTriggersThenCallCarriesThemAndWritesThemBack() {
    McpToolCall call = TestCalls.call("2 of finance", TRIGGERS);

    McpToolCall read = valid(McpToolCallValidator.validate(call.toJson().toString()));

    assertEquals(call, read);
    assertEquals(TRIGGERS, read.triggers());
    assertEquals(Json.createArrayBuilder(TRIGGERS).build(), call.toJson().getJsonArray("triggers"));
  }

  @Test
  void toJsonWhenNoTriggersThenMemberLeftOut() {
    assertFalse(TestCalls.call("2 of finance").toJson().containsKey("triggers"));
    assertEquals(List.of(), valid(McpToolCallValidator.validate(TestCalls.valid(), "")).triggers());
  }

  @Test
  void validateWhenTriggersNotAnArrayThenProblem() {
    JsonObject json = TestCalls.json().add("triggers", "policy rule x").build();

    assertEquals(
        List.of(new JsonProblem("/triggers", "must be an array of strings")),
        problems(McpToolCallValidator.validate(json, "")));
  }

  @Test
  void validateWhenItemsWrongThenEachAtItsPointer() {
    JsonObject json =
        TestCalls.json()
            .add(
                "triggers",
                Json.createArrayBuilder().add("fine").add(7).add(" ").add("x".repeat(201)))
            .build();

    assertEquals(
        List.of(
            new JsonProblem("/0/triggers/1", "must be a string"),
            new JsonProblem("/0/triggers/2", "must be 1 to 200 characters, not all blank"),
            new JsonProblem("/0/triggers/3", "must be 1 to 200 characters, not all blank")),
        problems(McpToolCallValidator.validate(json, "/0")));
  }

  @Test
  void validateWhenMoreThanTenThenProblem() {
    JsonArrayBuilder eleven = Json.createArrayBuilder();
    for (int i = 0; i < 11; i++) {
      eleven.add("trigger " + i);
    }
    JsonObject json = TestCalls.json().add("triggers", eleven).build();

    assertEquals(
        List.of(new JsonProblem("/triggers", "must have at most 10 items")),
        problems(McpToolCallValidator.validate(json, "")));
  }

  @Test
  void constructorWhenTooManyOrTooLongThenIllegalArgument() {
    assertThrows(
        IllegalArgumentException.class,
        () -> TestCalls.call("2 of finance", java.util.Collections.nCopies(11, "t")));
    assertThrows(
        IllegalArgumentException.class,
        () -> TestCalls.call("2 of finance", List.of("y".repeat(201))));
    assertThrows(IllegalArgumentException.class, () -> TestCalls.call("2 of finance", List.of("")));
  }

  @Test
  void withArgumentsWhenEditedThenTriggersKept() {
    McpToolCall call = TestCalls.call("2 of finance", TRIGGERS);

    assertEquals(TRIGGERS, call.withArguments(ToolArguments.of("{\"amount\":1}")).triggers());
  }
}
