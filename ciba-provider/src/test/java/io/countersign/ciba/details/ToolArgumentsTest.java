package io.countersign.ciba.details;

import static io.countersign.ciba.details.Validations.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ToolArgumentsTest {

  @Test
  void sha256WhenArgumentsThenDigestOfCanonicalForm() {
    ToolArguments arguments = ToolArguments.of(TestCalls.ARGUMENTS);

    assertEquals(TestCalls.ARGUMENTS_SHA256, arguments.sha256());
    assertEquals(TestCalls.ARGUMENTS, arguments.json());
  }

  @Test
  void sha256WhenEmptyObjectThenDigestOfBraces() {
    assertEquals(
        "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
        ToolArguments.of(" { } ").sha256());
  }

  @Test
  void equalsWhenSameValuesInOtherOrderAndSpellingThenEqual() {
    ToolArguments a = ToolArguments.of("{\"amount\":150,\"currency\":\"EUR\",\"order\":\"A-17\"}");
    ToolArguments b =
        ToolArguments.of(
            "{\n \"currency\": \"\\u0045UR\", \"order\": \"A-17\", \"amount\": 1.5e2}");

    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(
        a, ToolArguments.of("{\"amount\":151,\"currency\":\"EUR\",\"order\":\"A-17\"}"));
  }

  @Test
  void readWhenDuplicateMemberThenInvalid() {
    List<JsonProblem> problems = problems(ToolArguments.read("{\"amount\": 1, \"amount\": 1000}"));

    assertEquals("", problems.get(0).pointer());
    assertTrue(problems.get(0).message().contains("amount"), problems.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"[1, 2]", "\"text\"", "42", "null"})
  void readWhenNotAnObjectThenInvalid(String json) {
    Validation<ToolArguments> read = ToolArguments.read(json);

    assertEquals(
        new Validation.Invalid<>(List.of(new JsonProblem("", "must be a JSON object"))), read);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{", "{\"a\": }", "{} {}", ""})
  void readWhenNotJsonThenInvalidAtRoot(String json) {
    List<JsonProblem> problems = problems(ToolArguments.read(json));

    assertEquals("", problems.get(0).pointer());
    assertTrue(problems.get(0).message().startsWith("not valid JSON"));
  }

  @Test
  void readWhenNumberTooLargeForDoubleThenInvalidAtItsPointer() {
    List<JsonProblem> problems =
        problems(
            ToolArguments.read(
                "{\"id\": 9007199254740993, \"ok\": 9007199254740992, \"a/b\": [0.1, 1e400]}"));

    assertEquals(List.of("/a~1b/1"), problems.stream().map(JsonProblem::pointer).toList());
  }

  @Test
  void readWhenNumbersLosePrecisionThenEachInvalidAtItsPointer() {
    List<JsonProblem> problems =
        problems(
            ToolArguments.read(
                "{\"id\": 9007199254740993, \"ok\": 9007199254740992,"
                    + " \"list\": [0.1, 1.00000000000000000001]}"));

    assertEquals(
        List.of("/id", "/list/1"), problems.stream().map(JsonProblem::pointer).sorted().toList());
    assertTrue(problems.get(0).message().contains("send it as a string"));
  }

  @Test
  void ofWhenInvalidThenIllegalArgument() {
    assertThrows(IllegalArgumentException.class, () -> ToolArguments.of("[]"));
  }

  @Test
  void asJsonObjectWhenReadThenSameMembers() {
    ToolArguments arguments = ToolArguments.of(TestCalls.ARGUMENTS);

    assertEquals(150, arguments.asJsonObject().getInt("amount"));
    assertEquals("A-17", arguments.asJsonObject().getString("order"));
  }
}
