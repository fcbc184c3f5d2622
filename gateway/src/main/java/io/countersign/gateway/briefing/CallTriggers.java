package io.countersign.gateway.briefing;

import io.countersign.ciba.details.McpToolCall;
import io.countersign.gateway.pipeline.Decision;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Why a call was held and what makes it risky, one short line each, for the {@code mcp_tool_call}'s
 * {@code triggers}: the rule and its condition, the risk the rule set, and the tool's annotations.
 */
public final class CallTriggers {

  private CallTriggers() {}

  /** The triggers of a call {@code hold} held, whose tool {@code definition} describes. */
  public static List<String> of(Decision.Hold hold, JsonObject definition) {
    List<String> triggers = new ArrayList<>();
    triggers.add(
        hold.briefing()
            .condition()
            .map(when -> "policy rule " + hold.rule() + ": " + oneLine(when))
            .orElse("policy default: no rule matched and the default holds the call"));
    hold.briefing().risk().ifPresent(risk -> triggers.add("risk set by the rule: " + risk.word()));
    triggers.addAll(annotations(definition));
    return triggers.stream()
        .limit(McpToolCall.TRIGGERS_MAX_ITEMS)
        .map(trigger -> ValueText.cut(trigger, McpToolCall.TRIGGER_MAX_LENGTH))
        .toList();
  }

  /**
   * What the upstream says of the tool (MCP 2025-06-18, "Tool annotations"): hints, not guarantees,
   * but an approver should know a tool claims to destroy or reach outside. A tool without
   * annotations is, by the specification's defaults, possibly destructive and open-world.
   */
  private static List<String> annotations(JsonObject definition) {
    if (!(definition.get("annotations") instanceof JsonObject annotations)) {
      return List.of("tool without annotations (MCP assumes it may be destructive and open-world)");
    }
    List<String> found = new ArrayList<>();
    if (annotations.get("destructiveHint") == JsonValue.TRUE) {
      found.add("destructive tool (upstream annotation destructiveHint)");
    }
    if (annotations.get("openWorldHint") == JsonValue.TRUE) {
      found.add("open-world tool (openWorldHint)");
    }
    return found;
  }

  /** A condition written over several lines, on one. */
  private static String oneLine(String text) {
    return ValueText.text(text.strip().replaceAll("\\s+", " "), McpToolCall.TRIGGER_MAX_LENGTH);
  }
}
