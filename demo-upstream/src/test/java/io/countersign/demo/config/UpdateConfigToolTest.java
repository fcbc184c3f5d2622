package io.countersign.demo.config;

import static io.countersign.demo.tool.ToolOutcomes.failure;
import static io.countersign.demo.tool.ToolOutcomes.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.demo.db.TestDatabase;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UpdateConfigToolTest {

  private final ConfigRepository configs = new ConfigRepository(TestDatabase.migratedH2());
  private final UpdateConfigTool tool = new UpdateConfigTool(configs, Clock.systemUTC());

  @Test
  void invokeWhenKeyExistsThenOverwrittenAndPreviousValueReturned() {
    var outcome =
        success(
            tool.invoke(
                Map.of("environment", "production", "key", "maintenance_mode", "value", "true")));

    assertEquals("false", outcome.structuredContent().get("previous_value"));
    assertEquals(false, outcome.structuredContent().get("created"));
    assertEquals("Updated production/maintenance_mode (was 'false')", outcome.text());
    assertEquals(Optional.of("true"), configs.find("production", "maintenance_mode"));
  }

  @Test
  void invokeWhenKeyIsNewThenCreated() {
    var outcome =
        success(
            tool.invoke(Map.of("environment", "dev", "key", "cache.ttl-seconds", "value", "60")));

    assertNull(outcome.structuredContent().get("previous_value"));
    assertTrue(outcome.structuredContent().containsKey("previous_value"));
    assertEquals(true, outcome.structuredContent().get("created"));
    assertEquals(Optional.of("60"), configs.find("dev", "cache.ttl-seconds"));
  }

  @Test
  void invokeWhenRepeatedThenSameState() {
    Map<String, Object> call =
        Map.of("environment", "staging", "key", "log.level", "value", "DEBUG");
    tool.invoke(call);
    var second = success(tool.invoke(call));

    assertEquals("DEBUG", second.structuredContent().get("previous_value"));
    assertEquals(Optional.of("DEBUG"), configs.find("staging", "log.level"));
  }

  @Test
  void invokeWhenArgumentsAreBadThenToolError() {
    assertEquals(
        "'environment' must be one of [dev, production, staging], got 'prod'",
        failure(tool.invoke(Map.of("environment", "prod", "key", "a", "value", "b"))));
    assertTrue(
        failure(tool.invoke(Map.of("environment", "dev", "key", "../etc", "value", "b")))
            .startsWith("'key' must start with"));
    assertEquals(
        "Missing required argument 'value'",
        failure(tool.invoke(Map.of("environment", "dev", "key", "a"))));
    assertEquals(
        "'value' must be a string",
        failure(tool.invoke(Map.of("environment", "dev", "key", "a", "value", 3))));
  }

  @Test
  void definitionIsDestructiveAndIdempotent() {
    var annotations = tool.definition().annotations();
    assertEquals(false, annotations.readOnlyHint());
    assertEquals(true, annotations.destructiveHint());
    assertEquals(true, annotations.idempotentHint());
    assertEquals(false, annotations.openWorldHint());
  }
}
