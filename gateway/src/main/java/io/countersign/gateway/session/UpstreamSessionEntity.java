package io.countersign.gateway.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** Row of {@code mcp_upstream_session}: the upstream's session behind one client session. */
@Entity
@Table(name = "mcp_upstream_session")
@IdClass(UpstreamSessionEntity.Key.class)
public class UpstreamSessionEntity {

  @Id
  @Column(name = "session_id")
  String sessionId;

  @Id
  @Column(name = "upstream_id")
  String upstreamId;

  @Column(name = "tenant_id", nullable = false)
  String tenantId;

  @Column(name = "upstream_session_id")
  String upstreamSessionId;

  @Column(name = "protocol_version", nullable = false)
  String protocolVersion;

  /** Points the row at a new upstream session (through a method, for change tracking). */
  void relink(String upstreamSessionId, String protocolVersion) {
    this.upstreamSessionId = upstreamSessionId;
    this.protocolVersion = protocolVersion;
  }

  /** Composite key (session, upstream). */
  public static class Key implements Serializable {
    String sessionId;
    String upstreamId;

    public Key() {}

    Key(String sessionId, String upstreamId) {
      this.sessionId = sessionId;
      this.upstreamId = upstreamId;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key
          && Objects.equals(sessionId, key.sessionId)
          && Objects.equals(upstreamId, key.upstreamId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(sessionId, upstreamId);
    }
  }
}
