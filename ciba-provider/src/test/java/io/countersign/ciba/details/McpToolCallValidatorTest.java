package io.countersign.ciba.details;

import static io.countersign.ciba.details.Validations.problems;
import static io.countersign.ciba.details.Validations.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.ciba.binding.BindingCode;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class McpToolCallValidatorTest {

  @Test
  void validateWhenValidThenCall() {
    McpToolCall call = valid(McpToolCallValidator.validate(TestCalls.valid().toString()));

    assertEquals(TestCalls.call("2 of finance"), call);
    assertEquals(TestCalls.ARGUMENTS_SHA256, call.argumentsSha256());
    assertEquals(Risk.HIGH, call.risk());
    assertEquals(Optional.of(new BindingCode("CS-4F2K")), call.bindingCode());
  }

  @Test
  void toJsonWhenValidatedAgainThenSameCall() {
    McpToolCall call = TestCalls.call("1 of security and 2 of db-owners; reject when unreachable");

    assertEquals(call, valid(McpToolCallValidator.validate(call.toJson().toString())));
  }

  @Test
  void validateWhenNoBindingCodeThenEmpty() {
    JsonObject json = TestCalls.json().remove("binding_code").build();

    assertEquals(Optional.empty(), valid(McpToolCallValidator.validate(json, "")).bindingCode());
  }

  @Test
  void validateWhenMembersMissingThenEachReportedAtItsPointer() {
    JsonObject json =
        TestCalls.json().remove("tenant").remove("arguments_sha256").remove("quorum").build();

    assertEquals(
        List.of(
            new JsonProblem("/tenant", "is required"),
            new JsonProblem("/arguments_sha256", "is required"),
            new JsonProblem("/quorum", "is required")),
        problems(McpToolCallValidator.validate(json, "")));
  }

  @Test
  void validateWhenWrongTypesThenEachReported() {
    JsonObject json =
        TestCalls.json()
            .add("tool", 42)
            .add("arguments", Json.createArrayBuilder().add(1))
            .add("summary", JsonObject.NULL)
            .add("risk", true)
            .build();

    assertEquals(
        List.of(
            new JsonProblem("/tool", "must be a string"),
            new JsonProblem("/arguments", "must be a JSON object"),
            new JsonProblem("/risk", "must be a string"),
            new JsonProblem("/summary", "must be a string")),
        problems(McpToolCallValidator.validate(json, "")));
  }

  @Test
  void validateWhenDigestDoesNotMatchArgumentsThenProblemNamesTheRightOne() {
    JsonObject json =
        TestCalls.json()
            .add("arguments", Json.createObjectBuilder().add("order", "A-17").add("amount", 15000))
            .build();

    List<JsonProblem> problems = problems(McpToolCallValidator.validate(json, ""));

    assertEquals(1, problems.size());
    assertEquals("/arguments_sha256", problems.get(0).pointer());
    assertTrue(problems.get(0).message().startsWith("does not match the SHA-256"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"severe", "HIGH", "", "none"})
  void validateWhenUnknownRiskThenProblem(String risk) {
    JsonObject json = TestCalls.json().add("risk", risk).build();

    assertEquals(
        List.of(new JsonProblem("/risk", "must be low, medium, high or critical")),
        problems(McpToolCallValidator.validate(json, "")));
  }

  @Test
  void validateWhenWrongTypeValueThenProblem() {
    JsonObject json = TestCalls.json().add("type", "openid_credential").build();

    assertEquals(
        List.of(new JsonProblem("/type", "must be \"mcp_tool_call\"")),
        problems(McpToolCallValidator.validate(json, "")));
  }

  @Test
  void validateWhenUnknownMemberThenProblem() {
    JsonObject json = TestCalls.json().add("actions", Json.createArrayBuilder().add("x")).build();

    assertEquals(
        List.of(new JsonProblem("/actions", "is not a member of mcp_tool_call")),
        problems(McpToolCallValidator.validate(json, "")));
  }

  @Test
  void validateWhenPatternsBrokenThenEachReported() {
    JsonObject json =
        TestCalls.json()
            .add("tenant", "Acme Inc")
            .add("upstream", "shop__admin")
            .add("arguments_sha256", TestCalls.ARGUMENTS_SHA256.toUpperCase())
            .add("policy_rule", "")
            .add("binding_code", "CS-0O1I")
            .add("summary", "   ")
            .build();

    assertEquals(
        List.of(
            "/tenant",
            "/upstream",
            "/arguments_sha256",
            "/summary",
            "/policy_rule",
            "/binding_code"),
        problems(McpToolCallValidator.validate(json, "")).stream()
            .map(JsonProblem::pointer)
            .toList());
  }

  @Test
  void validateWhenQuorumMalformedThenParserMessage() {
    JsonObject json = TestCalls.json().add("quorum", "two of finance").build();

    assertEquals(
        List.of(
            new JsonProblem(
                "/quorum", "count 'two' in 'two of finance' is not a whole number from 1 to 99")),
        problems(McpToolCallValidator.validate(json, "")));
  }

  @Test
  void validateWhenArgumentsNumberLosesPrecisionThenPointerInsideArguments() {
    String json =
        TestCalls.valid()
            .toString()
            .replace("\"amount\":150", "\"amount\":150,\"card\":12345678901234567890");

    List<JsonProblem> problems = problems(McpToolCallValidator.validate(json));

    assertEquals("/arguments/card", problems.get(0).pointer());
  }

  @Test
  void validateWhenDuplicateMemberThenInvalidDocument() {
    String json = TestCalls.valid().toString().replaceFirst("\\{", "{\"tool\":\"drop_all\",");

    assertEquals("", problems(McpToolCallValidator.validate(json)).get(0).pointer());
  }

  @Test
  void validateWhenContentAfterTheDocumentThenInvalid() {
    String json = TestCalls.valid().toString() + " {\"tool\":\"drop_all\"}";

    assertEquals("", problems(McpToolCallValidator.validate(json)).get(0).pointer());
  }

  @Test
  void validateWhenNotAnObjectThenProblemAtRoot() {
    assertEquals(
        List.of(new JsonProblem("", "must be a JSON object")),
        problems(McpToolCallValidator.validate("[]")));
  }

  @Test
  void validateAuthorizationDetailsWhenOneEntryThenCall() {
    String json = Json.createArrayBuilder().add(TestCalls.valid()).build().toString();

    assertEquals(
        TestCalls.call("2 of finance"),
        valid(McpToolCallValidator.validateAuthorizationDetails(json)));
  }

  @Test
  void validateAuthorizationDetailsWhenEntryInvalidThenPointerIncludesIndex() {
    String json = Json.createArrayBuilder().add(TestCalls.json().remove("tool")).build().toString();

    assertEquals(
        List.of(new JsonProblem("/0/tool", "is required")),
        problems(McpToolCallValidator.validateAuthorizationDetails(json)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"[]", "{}", "[{\"type\":\"mcp_tool_call\"},{\"type\":\"mcp_tool_call\"}]"})
  void validateAuthorizationDetailsWhenNotExactlyOneEntryThenProblemAtRoot(String json) {
    List<JsonProblem> problems = problems(McpToolCallValidator.validateAuthorizationDetails(json));

    assertEquals(1, problems.size());
    assertEquals("", problems.get(0).pointer());
  }
}
