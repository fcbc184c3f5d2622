package io.countersign.gateway.pipeline;

import java.util.Optional;

/** The pipeline's decision, with the held call's ticket when a stage held the call. */
public record Decided(Decision decision, Optional<HoldTicket> ticket) {}
