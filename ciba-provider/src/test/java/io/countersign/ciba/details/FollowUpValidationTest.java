package io.countersign.ciba.details;

import static io.countersign.ciba.details.Validations.problems;
import static io.countersign.ciba.details.Validations.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code reminder_interval} and {@code escalation} members of an {@code mcp_tool_call}. */
class FollowUpValidationTest {

  @Test
  void toJsonWhenValidatedAgainThenSameFollowUp() {
    McpToolCall call = TestCalls.call("2 of finance", TestCalls.FOLLOW_UP);

    JsonObject json = call.toJson();

    assertEquals(300, json.getInt("reminder_interval"));
    assertEquals(
        "[{\"after\":180,\"notify\":[\"security\"]},{\"after\":360,\"add\":\"1 of managers\"}]",
        json.getJsonArray("escalation").toString());
    assertEquals(call, valid(McpToolCallValidator.validate(json, "")));
  }

  @Test
  void validateWhenAbsentThenNone() {
    assertEquals(
        FollowUp.NONE, valid(McpToolCallValidator.validate(TestCalls.valid(), "")).followUp());
  }

  @Test
  void validateWhenIntervalNotWholeSecondsInRangeThenProblem() {
    for (String bad : List.of("0", "-5", "1.5", "604801", "\"300\"")) {
      JsonObject json =
          Json.createObjectBuilder(TestCalls.valid())
              .add(
                  "reminder_interval", Json.createReader(new java.io.StringReader(bad)).readValue())
              .build();

      assertEquals(
          List.of(
              new JsonProblem(
                  "/reminder_interval", "must be a whole number of seconds from 1 to 604800")),
          problems(McpToolCallValidator.validate(json, "")),
          bad);
    }
  }

  @Test
  void validateWhenStepsBrokenThenEachReportedAtItsPointer() {
    JsonArrayBuilder steps =
        Json.createArrayBuilder()
            .add(
                Json.createObjectBuilder()
                    .add("after", 600)
                    .add("notify", Json.createArrayBuilder().add("security")))
            .add(Json.createObjectBuilder().add("after", 300).add("add", "1 of managers"))
            .add(Json.createObjectBuilder().add("after", 900).add("add", "1 of finance"))
            .add(Json.createObjectBuilder().add("after", 1000))
            .add(
                Json.createObjectBuilder()
                    .add("after", 1100)
                    .add("notify", Json.createArrayBuilder().add("Ops")))
            .add(
                Json.createObjectBuilder()
                    .add("after", 1200)
                    .add("add", "1 of managers")
                    .add("when", "now"));
    JsonObject json = TestCalls.json().add("escalation", steps).build();

    assertEquals(
        List.of(
            new JsonProblem("/escalation/1/after", "must be later than the step before (600)"),
            new JsonProblem("/escalation/2/add", "group 'finance' already decides this request"),
            new JsonProblem("/escalation/3", "must have notify, add or both"),
            new JsonProblem("/escalation/4/notify/0", "must match [a-z0-9][a-z0-9_-]{0,62}"),
            new JsonProblem("/escalation/5/when", "is not a member of an escalation step"),
            new JsonProblem("/escalation/5/add", "group 'managers' already decides this request")),
        problems(McpToolCallValidator.validate(json, "")));
  }

  @Test
  void validateWhenTooManyStepsThenProblem() {
    JsonArrayBuilder steps = Json.createArrayBuilder();
    for (int i = 1; i <= FollowUp.MAX_STEPS + 1; i++) {
      steps.add(
          Json.createObjectBuilder()
              .add("after", i)
              .add("notify", Json.createArrayBuilder().add("security")));
    }

    assertEquals(
        List.of(new JsonProblem("/escalation", "must hold 1 to 10 steps")),
        problems(
            McpToolCallValidator.validate(TestCalls.json().add("escalation", steps).build(), "")));
  }

  @Test
  void constructorWhenStepsOutOfOrderThenRefused() {
    EscalationStep late = new EscalationStep(Duration.ofMinutes(9), List.of("a"), Optional.empty());
    EscalationStep early =
        new EscalationStep(Duration.ofMinutes(3), List.of("b"), Optional.empty());

    assertThrows(
        IllegalArgumentException.class, () -> new FollowUp(Optional.empty(), List.of(late, early)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new EscalationStep(Duration.ofMinutes(1), List.of(), Optional.empty()));
  }

  @Test
  void dueTimesWhenAskedThenCountedFromOpening() {
    Instant opened = Instant.parse("2026-11-02T12:00:00Z");

    assertEquals(Optional.of(opened.plusSeconds(600)), TestCalls.FOLLOW_UP.reminderDue(opened, 1));
    assertEquals(Optional.of(opened.plusSeconds(360)), TestCalls.FOLLOW_UP.stepDue(opened, 1));
    assertEquals(Optional.empty(), TestCalls.FOLLOW_UP.stepDue(opened, 2));
    assertEquals(2, TestCalls.FOLLOW_UP.remindersBy(opened, opened.plusSeconds(899)));
    assertEquals(List.of("security", "managers"), TestCalls.FOLLOW_UP.groupNames());
  }
}
