package io.countersign.gateway.pipeline;

/** One step of the decision pipeline (rate limit, budget, scan, policy, ...). */
public interface Stage {

  /** A short name for logs and metrics. */
  String name();

  Decision apply(ToolCall call);
}
