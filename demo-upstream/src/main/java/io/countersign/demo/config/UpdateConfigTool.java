package io.countersign.demo.config;

import io.countersign.demo.tool.Annotations;
import io.countersign.demo.tool.Arguments;
import io.countersign.demo.tool.DemoTool;
import io.countersign.demo.tool.InvalidArgumentException;
import io.countersign.demo.tool.Schemas;
import io.countersign.demo.tool.ToolOutcome;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * {@code update_config}: sets a configuration key in an environment. Destructive (the old value is
 * overwritten) and idempotent (the same call twice leaves the same state).
 */
public class UpdateConfigTool implements DemoTool {

  public static final String NAME = "update_config";

  private static final Logger LOG = Logger.getLogger(UpdateConfigTool.class.getName());
  private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");

  private static final McpSchema.Tool DEFINITION =
      McpSchema.Tool.builder(
              NAME,
              Schemas.parse(
                  """
                  {
                    "type": "object",
                    "properties": {
                      "environment": {"type": "string", "enum": ["dev", "staging", "production"],
                        "description": "The environment whose configuration changes."},
                      "key": {"type": "string", "pattern": "^[a-z0-9][a-z0-9._-]{0,127}$",
                        "description": "Configuration key, e.g. \\"feature.checkout_v2\\"."},
                      "value": {"type": "string", "maxLength": 2000,
                        "description": "The new value."}
                    },
                    "required": ["environment", "key", "value"],
                    "additionalProperties": false
                  }
                  """))
          .title("Update configuration")
          .description(
              "Sets a configuration key in an environment (dev, staging or production), creating"
                  + " it if needed, and returns the previous value.")
          .outputSchema(
              Schemas.parse(
                  """
                  {
                    "type": "object",
                    "properties": {
                      "environment": {"type": "string"},
                      "key": {"type": "string"},
                      "value": {"type": "string"},
                      "previous_value": {"type": ["string", "null"],
                        "description": "The value before, null when the key is new."},
                      "created": {"type": "boolean"}
                    },
                    "required": ["environment", "key", "value", "previous_value", "created"]
                  }
                  """))
          .annotations(Annotations.of("Update configuration", false, true, true, false))
          .build();

  private final ConfigRepository configs;
  private final Clock clock;

  public UpdateConfigTool(ConfigRepository configs, Clock clock) {
    this.configs = configs;
    this.clock = clock;
  }

  @Override
  public McpSchema.Tool definition() {
    return DEFINITION;
  }

  @Override
  public ToolOutcome call(Arguments arguments) {
    String environment = arguments.requiredChoice("environment", Environment.ALL);
    String key = arguments.requiredString("key", 1, 128);
    if (!KEY.matcher(key).matches()) {
      throw new InvalidArgumentException(
          "'key' must start with a lower-case letter or digit and use only a-z, 0-9, '.', '_', '-'");
    }
    String value = arguments.requiredString("value", 0, 2000);
    ConfigChange change = configs.put(environment, key, value, clock.instant());
    // Values may be secrets: only the key is logged.
    LOG.info(() -> "update_config set " + environment + "/" + key);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("environment", environment);
    json.put("key", key);
    json.put("value", value);
    json.put("previous_value", change.previousValue().orElse(null));
    json.put("created", change.previousValue().isEmpty());
    String text =
        change.previousValue().isPresent()
            ? "Updated " + environment + "/" + key + " (was '" + change.previousValue().get() + "')"
            : "Created " + environment + "/" + key;
    return ToolOutcome.success(text, json);
  }
}
