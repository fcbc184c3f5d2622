package io.countersign.ciba.details;

import io.countersign.ciba.binding.BindingCode;
import io.countersign.ciba.quorum.QuorumRule;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Fixtures: a valid {@code mcp_tool_call} and its JSON, to vary one member at a time. */
public final class TestCalls {

  /** Canonical form {@code {"amount":150,"currency":"EUR","order":"A-17"}}. */
  public static final String ARGUMENTS =
      "{\"order\": \"A-17\", \"amount\": 150, \"currency\": \"EUR\"}";

  /** SHA-256 of that canonical form (computed with {@code sha256sum}). */
  public static final String ARGUMENTS_SHA256 =
      "974e306461e158459e116f8ef1ed512fb5471e0f5726bd29bef8527147edee4f";

  private TestCalls() {}

  /** A refund needing {@code quorum}. */
  public static McpToolCall call(String quorum) {
    return new McpToolCall(
        "acme",
        "shop",
        "refund_order",
        ToolArguments.of(ARGUMENTS),
        Risk.HIGH,
        "Refund 150 EUR on order A-17",
        "big-refunds",
        QuorumRule.parse(quorum),
        Optional.of(new BindingCode("CS-4F2K")));
  }

  /** Remind every 5 minutes; at 3 minutes tell security; at 6 minutes let 1 of managers decide. */
  public static final FollowUp FOLLOW_UP =
      new FollowUp(
          Optional.of(Duration.ofMinutes(5)),
          List.of(
              new EscalationStep(Duration.ofMinutes(3), List.of("security"), Optional.empty()),
              new EscalationStep(
                  Duration.ofMinutes(6),
                  List.of(),
                  Optional.of(QuorumRule.parse("1 of managers")))));

  /** A refund needing {@code quorum}, reminded and escalated as {@code followUp} says. */
  public static McpToolCall call(String quorum, FollowUp followUp) {
    return call(quorum, followUp, List.of());
  }

  /** A refund needing {@code quorum}, held for {@code triggers}. */
  public static McpToolCall call(String quorum, List<String> triggers) {
    return call(quorum, FollowUp.NONE, triggers);
  }

  private static McpToolCall call(String quorum, FollowUp followUp, List<String> triggers) {
    McpToolCall call = call(quorum);
    return new McpToolCall(
        call.tenant(),
        call.upstream(),
        call.tool(),
        call.arguments(),
        call.risk(),
        call.summary(),
        call.policyRule(),
        call.quorum(),
        call.bindingCode(),
        followUp,
        triggers);
  }

  /** The JSON of {@link #call} with quorum {@code 2 of finance}, as a builder to vary. */
  public static JsonObjectBuilder json() {
    return Json.createObjectBuilder(call("2 of finance").toJson());
  }

  /** {@link #json()} built. */
  public static JsonObject valid() {
    return json().build();
  }
}
