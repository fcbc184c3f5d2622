package io.countersign.gateway.briefing;

import io.countersign.ciba.details.McpToolCall;
import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.gateway.pipeline.ToolCall;
import io.countersign.tenant.summary.SummaryTemplate;
import io.countersign.tenant.summary.TemplatePart;
import io.countersign.tenant.summary.TemplatePart.Filter;
import io.countersign.tenant.summary.TemplatePart.Placeholder;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The sentence approvers read about a held call: the policy's template for the tool rendered with
 * the call's values, else one naming the agent, tool, upstream and the first few scalar arguments.
 * At most {@link McpToolCall#SUMMARY_MAX_LENGTH} characters; plain text, never markup.
 */
public final class CallSummary {

  /** Scalar arguments a summary without a template names. */
  static final int ARGUMENTS_SHOWN = 4;

  /** Longest argument name a summary without a template shows. */
  static final int NAME_MAX_LENGTH = 40;

  /** Longest description sentence a summary without a template or arguments shows. */
  static final int DESCRIPTION_MAX_LENGTH = 200;

  private CallSummary() {}

  /** The call's summary: {@code template} rendered, or the fallback when there is none. */
  public static String of(ToolCall call, Optional<SummaryTemplate> template) {
    String text =
        template
            .map(t -> render(t, call))
            .filter(s -> !s.isBlank())
            .orElseGet(() -> fallback(call));
    return ValueText.cut(text, McpToolCall.SUMMARY_MAX_LENGTH);
  }

  static String render(SummaryTemplate template, ToolCall call) {
    StringBuilder text = new StringBuilder();
    for (TemplatePart part : template.parts()) {
      if (part instanceof TemplatePart.Literal literal) {
        text.append(literal.text());
      } else {
        text.append(value((Placeholder) part, call));
      }
    }
    return text.toString();
  }

  private static String value(Placeholder placeholder, ToolCall call) {
    Optional<JsonValue> value = read(placeholder, call);
    if (placeholder.filter().filter(f -> f == Filter.COUNT).isPresent()) {
      return Long.toString(ValueText.count(value));
    }
    return ValueText.of(value);
  }

  private static Optional<JsonValue> read(Placeholder placeholder, ToolCall call) {
    switch (placeholder.root()) {
      case AGENT:
        return Optional.of(jsonString(call.agent().agentName()));
      case TOOL:
        return Optional.of(jsonString(call.tool()));
      case UPSTREAM:
        return Optional.of(jsonString(call.upstream().name()));
      default:
        return member(call.arguments(), placeholder.path());
    }
  }

  /** The value at {@code path}: object members by name, array items by index. */
  static Optional<JsonValue> member(JsonValue from, List<String> path) {
    JsonValue value = from;
    for (String segment : path) {
      if (value instanceof JsonObject object && object.containsKey(segment)) {
        value = object.get(segment);
      } else if (value instanceof JsonArray array && index(segment) < array.size()) {
        value = array.get(index(segment));
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(value);
  }

  private static int index(String segment) {
    return segment.matches("[0-9]{1,9}") ? Integer.parseInt(segment) : Integer.MAX_VALUE;
  }

  /**
   * "demo-agent wants to run delete_orders on shop: created_before 2025-01-01, status cancelled":
   * the first scalar arguments by name; without any, the first sentence of the tool's description
   * (descriptions are not secrets).
   */
  static String fallback(ToolCall call) {
    String who =
        ValueText.text(call.agent().agentName())
            + " wants to run "
            + ValueText.text(call.tool())
            + " on "
            + call.upstream().name();
    List<String> named =
        new TreeMap<>(call.arguments())
            .entrySet().stream()
                .filter(e -> scalar(e.getValue()))
                .map(
                    e ->
                        ValueText.text(e.getKey(), NAME_MAX_LENGTH)
                            + " "
                            + ValueText.of(e.getValue()))
                .toList();
    if (!named.isEmpty()) {
      String shown = String.join(", ", named.subList(0, Math.min(ARGUMENTS_SHOWN, named.size())));
      int more = named.size() - ARGUMENTS_SHOWN;
      return who + ": " + shown + (more > 0 ? " and " + more + " more" : "");
    }
    String sentence =
        call.definition().getString("description", "").strip().split("(?<=\\.)\\s", 2)[0];
    return who
        + (sentence.isBlank() ? "." : ": " + ValueText.text(sentence, DESCRIPTION_MAX_LENGTH));
  }

  private static boolean scalar(JsonValue value) {
    return value instanceof JsonString
        || value.getValueType() == JsonValue.ValueType.NUMBER
        || value == JsonValue.TRUE
        || value == JsonValue.FALSE;
  }

  private static JsonString jsonString(String text) {
    return Jsonp.createValue(text);
  }
}
