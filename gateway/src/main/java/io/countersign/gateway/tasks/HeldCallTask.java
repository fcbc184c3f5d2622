package io.countersign.gateway.tasks;

import java.time.Instant;

/**
 * A held call its agent asked for as a task: {@code id} is the gateway's task id, {@code
 * heldCallId} the call it follows (several tasks may follow one call when identical calls joined
 * it).
 */
public record HeldCallTask(String id, String heldCallId, Instant createdAt) implements AgentTask {}
