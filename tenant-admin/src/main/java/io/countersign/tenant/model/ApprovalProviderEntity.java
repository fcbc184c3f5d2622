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
import java.util.Objects;

/**
 * A row of {@code tenant_approval_provider}: the external CIBA provider a tenant's bundle declares;
 * the client secret is kept sealed (see {@code SecretBox}). No row: the built-in provider.
 */
@Entity
@Table(name = "tenant_approval_provider")
@Access(AccessType.FIELD)
public class ApprovalProviderEntity {

  @Id
  @Column(name = "tenant_id", length = 63)
  private String tenantId;

  @Column(name = "issuer", nullable = false, length = 2048)
  private String issuer;

  @Column(name = "client_id", nullable = false, length = 255)
  private String clientId;

  @Column(name = "secret_sealed", nullable = false, length = 1024)
  private String secretSealed;

  @Column(name = "delivery_mode", nullable = false, length = 10)
  private String deliveryMode;

  @Column(name = "updated_at", nullable = false)
  private OffsetDateTime updatedAt;

  protected ApprovalProviderEntity() {}

  public ApprovalProviderEntity(String tenantId) {
    this.tenantId = tenantId;
  }

  public String tenantId() {
    return tenantId;
  }

  public String issuer() {
    return issuer;
  }

  public String clientId() {
    return clientId;
  }

  public String secretSealed() {
    return secretSealed;
  }

  public String deliveryMode() {
    return deliveryMode;
  }

  /** Applies the declared provider; true when something changed. */
  public boolean declare(
      String issuer, String clientId, String secretSealed, String deliveryMode, Instant now) {
    boolean changed =
        !Objects.equals(this.issuer, issuer)
            || !Objects.equals(this.clientId, clientId)
            || !Objects.equals(this.secretSealed, secretSealed)
            || !Objects.equals(this.deliveryMode, deliveryMode);
    if (changed) {
      this.issuer = issuer;
      this.clientId = clientId;
      this.secretSealed = secretSealed;
      this.deliveryMode = deliveryMode;
      this.updatedAt = now.atOffset(ZoneOffset.UTC);
    }
    return changed;
  }
}
