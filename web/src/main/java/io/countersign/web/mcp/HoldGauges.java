package io.countersign.web.mcp;

import io.countersign.gateway.hold.ApprovalAsks;
import io.countersign.gateway.hold.HeldCallWaiters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.annotation.Gauge;

/** This node's held calls in {@code /metrics}: the agents waiting here and the asks queued here. */
@ApplicationScoped
public class HoldGauges {

  @Inject HeldCallWaiters waiters;
  @Inject ApprovalAsks asks;

  /** Created at start-up, so the gauges are in {@code /metrics} before the first held call. */
  void started(@Observes Startup startup) {
    // nothing to do: observing the event creates the bean, which registers its gauges
  }

  @Gauge(
      name = "countersign.held_calls.waiting",
      absolute = true,
      unit = MetricUnits.NONE,
      description = "Agent requests waiting on this node for held calls (open streams)")
  public long waiting() {
    return waiters.size();
  }

  @Gauge(
      name = "countersign.approval_asks.queued",
      absolute = true,
      unit = MetricUnits.NONE,
      description = "Backchannel requests of new held calls queued on this node, not yet sent")
  public long queued() {
    return asks.queued();
  }
}
