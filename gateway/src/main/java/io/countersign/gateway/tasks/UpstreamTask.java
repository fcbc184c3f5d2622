package io.countersign.gateway.tasks;

/**
 * An upstream's task as its agent knows it: {@code id} is the gateway's, {@code upstreamTaskId} the
 * upstream's; {@code sessionId} is the gateway session whose upstream session owns the task.
 */
public record UpstreamTask(
    String id, String sessionId, String upstreamId, String upstreamTaskId, String callId)
    implements AgentTask {}
