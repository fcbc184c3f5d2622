package io.countersign.tenant.policy;

import io.countersign.tenant.summary.SummaryTemplate;
import java.util.Objects;
import java.util.Optional;

/**
 * What a policy tells the approvers of a call it holds, beyond the call itself.
 *
 * @param risk the risk the rule gives the call; empty: judged from the tool's annotations
 * @param condition the {@code when} of the rule that held the call; empty for the default action
 * @param summary the policy's summary template for the tool, if it has one
 */
public record Briefing(
    Optional<RiskLevel> risk, Optional<String> condition, Optional<SummaryTemplate> summary) {

  /** Nothing beyond the call. */
  public static final Briefing NONE =
      new Briefing(Optional.empty(), Optional.empty(), Optional.empty());

  public Briefing {
    Objects.requireNonNull(risk, "risk");
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(summary, "summary");
  }
}
