package io.countersign.gateway.pipeline;

/**
 * Where the pipeline takes a call a stage held: it records the held call (or finds the identical
 * one already waiting) in the decision's own transaction.
 */
public interface HoldDesk {

  HoldTicket hold(ToolCall call, Decision.Hold hold);
}
