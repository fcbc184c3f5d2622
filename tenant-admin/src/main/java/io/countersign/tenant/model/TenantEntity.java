package io.countersign.tenant.model;

import io.countersign.tenant.ApprovalExpiry;
import io.countersign.tenant.ApproverSignIn;
import io.countersign.tenant.ToolNames;
import jakarta.persistence.Access;
import jakarta.persistence.AccessType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/** A row of {@code tenant}: the slug is the primary key. */
@Entity
@Table(name = "tenant")
@Access(AccessType.FIELD)
public class TenantEntity {

  @Id
  @Column(name = "id", length = 63)
  private String id;

  @Column(name = "display_name", nullable = false, length = 200)
  private String displayName;

  @Column(name = "demo", nullable = false)
  private boolean demo;

  @Column(name = "approval_default_expiry_seconds")
  private Integer approvalDefaultExpirySeconds;

  @Column(name = "approval_max_expiry_seconds")
  private Integer approvalMaxExpirySeconds;

  @Column(name = "tool_names", nullable = false, length = 16)
  private String toolNames = ToolNames.QUALIFIED.word();

  @Column(name = "approver_password_sign_in", nullable = false)
  private boolean approverPasswordSignIn = true;

  @Column(name = "approver_device_bound_votes", nullable = false)
  private boolean approverDeviceBoundVotes = true;

  @Column(name = "bundle_digest", length = 64)
  private String bundleDigest;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  private OffsetDateTime updatedAt;

  protected TenantEntity() {}

  public TenantEntity(String id, String displayName, boolean demo, Instant now) {
    this.id = id;
    this.displayName = displayName;
    this.demo = demo;
    this.createdAt = utc(now);
    this.updatedAt = utc(now);
  }

  public String id() {
    return id;
  }

  public String displayName() {
    return displayName;
  }

  public boolean demo() {
    return demo;
  }

  public ToolNames toolNames() {
    return ToolNames.of(toolNames);
  }

  public ApproverSignIn approverSignIn() {
    return new ApproverSignIn(approverPasswordSignIn, approverDeviceBoundVotes);
  }

  public Optional<String> bundleDigest() {
    return Optional.ofNullable(bundleDigest);
  }

  public Instant createdAt() {
    return createdAt.toInstant();
  }

  public Instant updatedAt() {
    return updatedAt.toInstant();
  }

  /** The tenant's own approval expiry bounds. */
  public ApprovalExpiry approvalExpiry() {
    return new ApprovalExpiry(
        Optional.ofNullable(approvalDefaultExpirySeconds).map(Duration::ofSeconds),
        Optional.ofNullable(approvalMaxExpirySeconds).map(Duration::ofSeconds));
  }

  /** Applies the declared attributes; true when something changed. */
  public boolean declare(
      String displayName,
      boolean demo,
      ApprovalExpiry expiry,
      ToolNames names,
      ApproverSignIn approvers,
      Instant now) {
    Integer byDefault = expiry.defaultExpiry().map(d -> (int) d.toSeconds()).orElse(null);
    Integer max = expiry.maxExpiry().map(d -> (int) d.toSeconds()).orElse(null);
    if (this.displayName.equals(displayName)
        && this.demo == demo
        && Objects.equals(approvalDefaultExpirySeconds, byDefault)
        && Objects.equals(approvalMaxExpirySeconds, max)
        && this.toolNames.equals(names.word())
        && approverSignIn().equals(approvers)) {
      return false;
    }
    this.approverPasswordSignIn = approvers.password();
    this.approverDeviceBoundVotes = approvers.deviceBoundVotes();
    this.toolNames = names.word();
    this.displayName = displayName;
    this.demo = demo;
    this.approvalDefaultExpirySeconds = byDefault;
    this.approvalMaxExpirySeconds = max;
    this.updatedAt = utc(now);
    return true;
  }

  /** Records the digest of the bundle now in force. */
  public void bundleImported(String digest, Instant now) {
    if (!digest.equals(bundleDigest)) {
      this.bundleDigest = digest;
      this.updatedAt = utc(now);
    }
  }

  /**
   * EclipseLink 4.0 maps {@code OffsetDateTime}, not {@code Instant}, to TIMESTAMP WITH TIME ZONE.
   */
  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
