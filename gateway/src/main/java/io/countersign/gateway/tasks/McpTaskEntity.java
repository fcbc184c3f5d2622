package io.countersign.gateway.tasks;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** Row of {@code mcp_task}: an upstream's task, or a held call, under the id its agent sees. */
@Entity
@Table(name = "mcp_task")
public class McpTaskEntity {

  @Id
  @Column(name = "id")
  String id;

  @Column(name = "tenant_id", nullable = false)
  String tenantId;

  @Column(name = "agent_id", nullable = false)
  String agentId;

  @Column(name = "session_id", nullable = false)
  String sessionId;

  @Column(name = "upstream_id", nullable = false)
  String upstreamId;

  /** The upstream's task id; null for a held call's task. */
  @Column(name = "upstream_task_id")
  String upstreamTaskId;

  /** The held call the task follows; null for an upstream's task. */
  @Column(name = "held_call_id")
  String heldCallId;

  @Column(name = "call_id", nullable = false)
  String callId;

  @Column(name = "created_at", nullable = false)
  OffsetDateTime createdAt;

  /** The call's tool, as its upstream names it. */
  @Column(name = "tool")
  String tool;

  /** The call's arguments' digest (RFC 8785, SHA-256). */
  @Column(name = "arguments_sha256")
  String argumentsDigest;

  /**
   * When the task's end was audited; null before. Tasks of 2025-11-25 upstreams created before
   * their ends were audited had their outcome audited when created, and are marked so (V21).
   */
  @Column(name = "ended_at")
  OffsetDateTime endedAt;
}
