package io.countersign.ciba.details;

import io.countersign.ciba.binding.BindingCode;
import io.countersign.ciba.quorum.QuorumRule;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Validates untrusted {@code authorization_details} of type {@value McpToolCall#TYPE} against the
 * rules of {@code schema/mcp_tool_call.schema.json}, written out in code, plus what a schema cannot
 * say: {@code arguments_sha256} must be the digest of {@code arguments}, numbers must survive
 * canonicalisation, member names must be unique, and {@code quorum} must parse.
 *
 * <p>RFC 9396, section 5: the authorization server "MUST refuse to process any unknown
 * authorization details type or authorization details not conforming to the respective type
 * definition", so unknown members are problems too. Every problem is reported, each with its JSON
 * Pointer.
 */
public final class McpToolCallValidator {

  /** The members every {@value McpToolCall#TYPE} entry has, in schema order. */
  public static final List<String> REQUIRED =
      List.of(
          "type",
          "tenant",
          "upstream",
          "tool",
          "arguments",
          "arguments_sha256",
          "risk",
          "summary",
          "policy_rule",
          "quorum");

  /** The members an entry may have. */
  public static final List<String> OPTIONAL =
      List.of("binding_code", "reminder_interval", "escalation", "triggers");

  private static final Set<String> KNOWN =
      Stream.concat(REQUIRED.stream(), OPTIONAL.stream()).collect(Collectors.toUnmodifiableSet());

  private McpToolCallValidator() {}

  /** Validates the JSON text of one entry. */
  public static Validation<McpToolCall> validate(String json) {
    Validation<JsonValue> read = StrictJson.read(json);
    if (read instanceof Validation.Invalid<JsonValue> invalid) {
      return new Validation.Invalid<>(invalid.problems());
    }
    return validate(((Validation.Valid<JsonValue>) read).value(), "");
  }

  /**
   * Validates the {@code authorization_details} request parameter: a JSON array holding exactly one
   * entry, of type {@value McpToolCall#TYPE}.
   */
  public static Validation<McpToolCall> validateAuthorizationDetails(String json) {
    Validation<JsonValue> read = StrictJson.read(json);
    if (read instanceof Validation.Invalid<JsonValue> invalid) {
      return new Validation.Invalid<>(invalid.problems());
    }
    JsonValue value = ((Validation.Valid<JsonValue>) read).value();
    if (!(value instanceof JsonArray array)) {
      return invalid("", "authorization_details must be a JSON array");
    }
    if (array.size() != 1) {
      return invalid("", "authorization_details must hold exactly one " + McpToolCall.TYPE);
    }
    return validate(array.get(0), "/0");
  }

  /** Validates one entry already parsed (duplicate names are then the parser's business). */
  public static Validation<McpToolCall> validate(JsonValue value, String pointer) {
    if (!(value instanceof JsonObject object)) {
      return invalid(pointer, "must be a JSON object");
    }
    List<JsonProblem> problems = new ArrayList<>();
    McpToolCallFields fields = new McpToolCallFields(object, pointer, problems);
    fields.onlyMembers(KNOWN);
    fields.constant("type", McpToolCall.TYPE);
    Optional<String> tenant = fields.matching("tenant", McpToolCall.TENANT);
    Optional<String> upstream = fields.matching("upstream", McpToolCall.UPSTREAM);
    Optional<String> tool = fields.limited("tool", McpToolCall.TOOL_MAX_LENGTH);
    Optional<ToolArguments> arguments = fields.arguments();
    fields.sha256(arguments);
    Optional<Risk> risk = fields.risk();
    Optional<String> summary = fields.limited("summary", McpToolCall.SUMMARY_MAX_LENGTH);
    Optional<String> rule = fields.matching("policy_rule", McpToolCall.POLICY_RULE);
    Optional<QuorumRule> quorum = fields.quorum();
    Optional<BindingCode> code = fields.bindingCode();
    Optional<FollowUp> followUp = fields.followUp(quorum);
    List<String> triggers = fields.triggers();
    if (!problems.isEmpty()) {
      return new Validation.Invalid<>(problems);
    }
    return new Validation.Valid<>(
        new McpToolCall(
            tenant.orElseThrow(),
            upstream.orElseThrow(),
            tool.orElseThrow(),
            arguments.orElseThrow(),
            risk.orElseThrow(),
            summary.orElseThrow(),
            rule.orElseThrow(),
            quorum.orElseThrow(),
            code,
            followUp.orElseThrow(),
            triggers));
  }

  private static Validation<McpToolCall> invalid(String pointer, String message) {
    return new Validation.Invalid<>(List.of(new JsonProblem(pointer, message)));
  }
}
