package io.countersign.gateway.tasks;

import java.time.Instant;

/**
 * An upstream's task as its agent knows it: {@code id} is the gateway's, {@code upstreamTaskId} the
 * upstream's; {@code sessionId} is the gateway session whose upstream session owns the task; {@code
 * tool} and {@code argumentsDigest} name the call it runs, for the audit entry of its end; {@code
 * endAudited} says that entry is written.
 */
public record UpstreamTask(
    String id,
    String sessionId,
    String upstreamId,
    String upstreamTaskId,
    String callId,
    String tool,
    String argumentsDigest,
    Instant createdAt,
    boolean endAudited)
    implements AgentTask {}
