package io.countersign.gateway.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.gateway.pipeline.Decision;
import io.countersign.gateway.pipeline.TestToolCalls;
import io.countersign.gateway.pipeline.ToolCall;
import io.countersign.tenant.policy.RiskLevel;
import jakarta.json.Json;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfirmationsTest {

  @Test
  void questionWhenRuleGivesRiskThenNamedAfterTheMessage() {
    assertEquals(
        "Change the staging configuration? (risk: high)",
        Confirmations.question(
            call(),
            new Decision.Confirm(
                "confirm-staging",
                Optional.of("Change the staging configuration?"),
                Optional.of(RiskLevel.HIGH))));
  }

  @Test
  void questionWhenNoMessageNorRiskThenTheDefaultQuestion() {
    String question =
        Confirmations.question(call(), new Decision.Confirm("confirm-dev", Optional.empty()));

    assertTrue(question.startsWith("Allow agent bot to run update_config on shop"), question);
    assertTrue(question.endsWith("?"), question);
  }

  private static ToolCall call() {
    return TestToolCalls.call(
        "bot", "update_config", "{\"environment\":\"dev\"}", Json.createObjectBuilder().build());
  }
}
