package io.countersign.ciba.details;

import io.countersign.ciba.binding.BindingCode;
import io.countersign.ciba.quorum.QuorumRule;
import io.countersign.ciba.quorum.QuorumSyntaxException;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the members of one {@value McpToolCall#TYPE} object, adding a {@link JsonProblem} for each
 * that is wrong.
 */
final class McpToolCallFields {

  private final JsonObject object;
  private final List<JsonProblem> problems;
  private final String pointer;

  McpToolCallFields(JsonObject object, String pointer, List<JsonProblem> problems) {
    this.object = object;
    this.pointer = pointer;
    this.problems = problems;
  }

  private JsonProblem problem(String name, String message) {
    return new JsonProblem(JsonProblem.child(pointer, name), message);
  }

  /** A member that must be a string. */
  Optional<String> string(String name) {
    JsonValue value = object.get(name);
    if (value == null) {
      problems.add(problem(name, "is required"));
      return Optional.empty();
    }
    if (!(value instanceof JsonString string)) {
      problems.add(problem(name, "must be a string"));
      return Optional.empty();
    }
    return Optional.of(string.getString());
  }

  /** A string matching {@code pattern}. */
  Optional<String> matching(String name, Pattern pattern) {
    Optional<String> text = string(name);
    if (text.isPresent() && !pattern.matcher(text.get()).matches()) {
      problems.add(problem(name, "must match " + pattern.pattern()));
      return Optional.empty();
    }
    return text;
  }

  /** A string of 1 to {@code maxLength} characters that is not only white space. */
  Optional<String> limited(String name, int maxLength) {
    Optional<String> text = string(name);
    if (text.isPresent() && !McpToolCall.fits(text.get(), maxLength)) {
      problems.add(problem(name, "must be 1 to " + maxLength + " characters, not all blank"));
      return Optional.empty();
    }
    return text;
  }

  /** {@code arguments}: an object whose numbers survive canonicalisation. */
  Optional<ToolArguments> arguments() {
    JsonValue value = object.get("arguments");
    if (value == null) {
      problems.add(problem("arguments", "is required"));
      return Optional.empty();
    }
    if (!(value instanceof JsonObject arguments)) {
      problems.add(problem("arguments", "must be a JSON object"));
      return Optional.empty();
    }
    Validation<ToolArguments> checked =
        ToolArguments.check(arguments, JsonProblem.child(pointer, "arguments"));
    if (checked instanceof Validation.Invalid<ToolArguments> invalid) {
      problems.addAll(invalid.problems());
      return Optional.empty();
    }
    return Optional.of(((Validation.Valid<ToolArguments>) checked).value());
  }

  /** {@code arguments_sha256}: lowercase hex, equal to the digest of the arguments. */
  Optional<String> sha256(Optional<ToolArguments> arguments) {
    Optional<String> given = matching("arguments_sha256", McpToolCall.SHA256);
    if (given.isPresent() && arguments.isPresent()) {
      String actual = arguments.get().sha256();
      if (!actual.equals(given.get())) {
        problems.add(
            problem(
                "arguments_sha256",
                "does not match the SHA-256 of the canonical arguments (RFC 8785), " + actual));
        return Optional.empty();
      }
    }
    return given;
  }

  /** A problem for every member not in {@code known}. */
  void onlyMembers(Set<String> known) {
    object.keySet().stream()
        .filter(name -> !known.contains(name))
        .forEach(name -> problems.add(problem(name, "is not a member of " + McpToolCall.TYPE)));
  }

  /** A member that must be exactly the string {@code expected}. */
  void constant(String name, String expected) {
    string(name)
        .filter(value -> !value.equals(expected))
        .ifPresent(value -> problems.add(problem(name, "must be \"" + expected + "\"")));
  }

  /** {@code risk}: one of the {@link Risk} wire names. */
  Optional<Risk> risk() {
    Optional<String> text = string("risk");
    Optional<Risk> risk = text.flatMap(Risk::fromWireName);
    if (text.isPresent() && risk.isEmpty()) {
      problems.add(problem("risk", "must be low, medium, high or critical"));
    }
    return risk;
  }

  /** {@code quorum}: a rule's text form; the problem is the parser's message. */
  Optional<QuorumRule> quorum() {
    try {
      return string("quorum").map(QuorumRule::parse);
    } catch (QuorumSyntaxException e) {
      problems.add(problem("quorum", e.getMessage()));
      return Optional.empty();
    }
  }

  /** {@code reminder_interval} and {@code escalation}: optional; see {@link FollowUpReader}. */
  Optional<FollowUp> followUp(Optional<QuorumRule> quorum) {
    return new FollowUpReader(object, pointer, problems).read(quorum);
  }

  /**
   * {@code triggers}: optional; an array of at most {@value McpToolCall#TRIGGERS_MAX_ITEMS}
   * strings, each 1 to {@value McpToolCall#TRIGGER_MAX_LENGTH} characters and not all blank. Empty
   * when absent (or wrong, with problems).
   */
  List<String> triggers() {
    JsonValue value = object.get("triggers");
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      problems.add(problem("triggers", "must be an array of strings"));
      return List.of();
    }
    if (array.size() > McpToolCall.TRIGGERS_MAX_ITEMS) {
      problems.add(
          problem("triggers", "must have at most " + McpToolCall.TRIGGERS_MAX_ITEMS + " items"));
    }
    String at = JsonProblem.child(pointer, "triggers");
    List<String> triggers = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.get(i) instanceof JsonString trigger)) {
        problems.add(new JsonProblem(JsonProblem.child(at, String.valueOf(i)), "must be a string"));
      } else if (!McpToolCall.fits(trigger.getString(), McpToolCall.TRIGGER_MAX_LENGTH)) {
        problems.add(
            new JsonProblem(
                JsonProblem.child(at, String.valueOf(i)),
                "must be 1 to " + McpToolCall.TRIGGER_MAX_LENGTH + " characters, not all blank"));
      } else {
        triggers.add(trigger.getString());
      }
    }
    return triggers;
  }

  /** {@code binding_code}: optional. */
  Optional<BindingCode> bindingCode() {
    if (!object.containsKey("binding_code")) {
      return Optional.empty();
    }
    Optional<String> text = string("binding_code");
    Optional<BindingCode> code = text.flatMap(BindingCode::parse);
    if (text.isPresent() && code.isEmpty()) {
      problems.add(problem("binding_code", "must match " + BindingCode.PATTERN));
    }
    return code;
  }
}
