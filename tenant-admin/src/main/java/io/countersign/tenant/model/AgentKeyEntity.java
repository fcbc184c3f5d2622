package io.countersign.tenant.model;

import jakarta.persistence.Access;
import jakarta.persistence.AccessType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/** A row of {@code agent_key}: the public prefix and the SHA-256 of the secret, never the key. */
@Entity
@Table(name = "agent_key")
@Access(AccessType.FIELD)
public class AgentKeyEntity {

  @Id
  @Column(name = "id", length = 36)
  private String id;

  @Column(name = "tenant_id", nullable = false, length = 63)
  private String tenantId;

  @Column(name = "agent_id", nullable = false, length = 36)
  private String agentId;

  @Column(name = "prefix", nullable = false, length = 40)
  private String prefix;

  @Column(name = "secret_hash", nullable = false, length = 64)
  private String secretHash;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "revoked_at")
  private OffsetDateTime revokedAt;

  protected AgentKeyEntity() {}

  public AgentKeyEntity(
      String tenantId, String agentId, String prefix, String secretHash, Instant now) {
    this.id = UUID.randomUUID().toString();
    this.tenantId = tenantId;
    this.agentId = agentId;
    this.prefix = prefix;
    this.secretHash = secretHash;
    this.createdAt = utc(now);
  }

  public String id() {
    return id;
  }

  public String tenantId() {
    return tenantId;
  }

  public String agentId() {
    return agentId;
  }

  public String prefix() {
    return prefix;
  }

  public String secretHash() {
    return secretHash;
  }

  public Instant createdAt() {
    return createdAt.toInstant();
  }

  public Optional<Instant> revokedAt() {
    return Optional.ofNullable(revokedAt).map(OffsetDateTime::toInstant);
  }

  public boolean revoked() {
    return revokedAt != null;
  }

  /** Revokes the key; true when it was still valid. */
  public boolean revoke(Instant now) {
    if (revokedAt != null) {
      return false;
    }
    revokedAt = utc(now);
    return true;
  }

  /**
   * EclipseLink 4.0 maps {@code OffsetDateTime}, not {@code Instant}, to TIMESTAMP WITH TIME ZONE.
   */
  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
