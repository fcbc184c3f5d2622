package io.countersign.tenant.model;

import jakarta.persistence.Access;
import jakarta.persistence.AccessType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * A row of {@code policy_version}: an immutable policy document; the highest version is in force.
 */
@Entity
@Table(name = "policy_version")
@Access(AccessType.FIELD)
public class PolicyVersionEntity {

  @Id
  @Column(name = "id", length = 36)
  private String id;

  @Column(name = "tenant_id", nullable = false, length = 63)
  private String tenantId;

  @Column(name = "version", nullable = false)
  private int version;

  @Lob
  @Column(name = "document", nullable = false)
  private String document;

  @Column(name = "digest", nullable = false, length = 64)
  private String digest;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  protected PolicyVersionEntity() {}

  public PolicyVersionEntity(
      String tenantId, int version, String document, String digest, Instant now) {
    this.id = UUID.randomUUID().toString();
    this.tenantId = tenantId;
    this.version = version;
    this.document = document;
    this.digest = digest;
    this.createdAt = utc(now);
  }

  public String id() {
    return id;
  }

  public String tenantId() {
    return tenantId;
  }

  public int version() {
    return version;
  }

  public String document() {
    return document;
  }

  public String digest() {
    return digest;
  }

  public Instant createdAt() {
    return createdAt.toInstant();
  }

  /**
   * EclipseLink 4.0 maps {@code OffsetDateTime}, not {@code Instant}, to TIMESTAMP WITH TIME ZONE.
   */
  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
