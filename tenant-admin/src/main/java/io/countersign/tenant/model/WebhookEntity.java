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
 * A row of {@code tenant_webhook}: the signed webhook a tenant's bundle declares ({@code
 * tenant.notifications.webhook}); the secret is kept sealed (see {@code SecretBox}).
 */
@Entity
@Table(name = "tenant_webhook")
@Access(AccessType.FIELD)
public class WebhookEntity {

  @Id
  @Column(name = "tenant_id", length = 63)
  private String tenantId;

  @Column(name = "url", nullable = false, length = 2048)
  private String url;

  @Column(name = "secret_sealed", nullable = false, length = 1024)
  private String secretSealed;

  @Column(name = "updated_at", nullable = false)
  private OffsetDateTime updatedAt;

  protected WebhookEntity() {}

  public WebhookEntity(String tenantId) {
    this.tenantId = tenantId;
  }

  public String tenantId() {
    return tenantId;
  }

  public String url() {
    return url;
  }

  public String secretSealed() {
    return secretSealed;
  }

  /** Applies the declared webhook; true when something changed. */
  public boolean declare(String url, String secretSealed, Instant now) {
    boolean changed =
        !Objects.equals(this.url, url) || !Objects.equals(this.secretSealed, secretSealed);
    if (changed) {
      this.url = url;
      this.secretSealed = secretSealed;
      this.updatedAt = now.atOffset(ZoneOffset.UTC);
    }
    return changed;
  }
}
