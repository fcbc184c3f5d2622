package io.countersign.tenant.policy;

import io.countersign.tenant.AgentPrincipal;
import java.time.Instant;
import java.util.Map;

/**
 * What a policy rule can see of one tool call. In CEL: {@code tool.server}, {@code tool.name},
 * {@code tool.annotations.readOnlyHint} (spec defaults filled in), {@code args.<name>}, {@code
 * agent.name}, {@code agent.id}, {@code tenant}, {@code now} (a timestamp).
 *
 * <p>Argument values are plain Java values as JSON decodes them: {@code String}, {@code Long},
 * {@code Double}, {@code Boolean}, {@code List}, {@code Map}, or {@code null}.
 */
public record PolicyInput(
    String tenantId,
    String server,
    String tool,
    Map<String, Object> annotations,
    Map<String, Object> arguments,
    AgentPrincipal agent,
    Instant now) {}
