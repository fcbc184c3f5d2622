package io.countersign.gateway.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * Row of {@code mcp_session}. Times are UTC {@code OffsetDateTime}s (EclipseLink 4 cannot map
 * {@code Instant}).
 */
@Entity
@Table(name = "mcp_session")
public class McpSessionEntity {

  @Id
  @Column(name = "id")
  String id;

  @Column(name = "tenant_id", nullable = false)
  String tenantId;

  @Column(name = "agent_id", nullable = false)
  String agentId;

  @Column(name = "protocol_version", nullable = false)
  String protocolVersion;

  @Column(name = "client_info")
  String clientInfo;

  @Column(name = "client_capabilities")
  String clientCapabilities;

  @Column(name = "created_at", nullable = false)
  OffsetDateTime createdAt;

  @Column(name = "last_seen_at", nullable = false)
  OffsetDateTime lastSeenAt;

  @Column(name = "ended_at")
  OffsetDateTime endedAt;

  /**
   * Ends the session. Changes go through methods of the entity: EclipseLink's woven change tracking
   * does not see fields written from another class.
   */
  void end(OffsetDateTime at) {
    if (endedAt == null) {
      endedAt = at;
    }
  }
}
