package io.countersign.gateway.pipeline;

/**
 * A held call's receipt: the held call the request waits for, and whether it joined one an
 * identical earlier call opened instead of opening its own.
 */
public record HoldTicket(String heldCallId, boolean joined) {}
