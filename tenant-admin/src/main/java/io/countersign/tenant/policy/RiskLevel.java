package io.countersign.tenant.policy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How risky a rule says the calls it holds or confirms are ({@code risk: low|medium|high|critical}
 * in a bundle); approvers see it as the {@code mcp_tool_call}'s {@code risk}.
 */
public enum RiskLevel {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  /** The word in bundles and policy documents. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The level whose {@link #word()} is exactly {@code word}, if any. */
  public static Optional<RiskLevel> of(String word) {
    return Arrays.stream(values()).filter(level -> level.word().equals(word)).findFirst();
  }
}
