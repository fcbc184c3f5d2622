package io.countersign.tenant.model;

import jakarta.persistence.Access;
import jakarta.persistence.AccessType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Optional;
import java.util.UUID;

/** A row of {@code member}: a person of the tenant; the password is set outside the bundle. */
@Entity
@Table(name = "member")
@Access(AccessType.FIELD)
public class MemberEntity {

  @Id
  @Column(name = "id", length = 36)
  private String id;

  @Column(name = "tenant_id", nullable = false, length = 63)
  private String tenantId;

  @Column(name = "email", nullable = false, length = 320)
  private String email;

  @Column(name = "display_name", nullable = false, length = 200)
  private String displayName;

  @Column(name = "password_hash", length = 200)
  private String passwordHash;

  protected MemberEntity() {}

  public MemberEntity(String tenantId, String email, String displayName) {
    this.id = UUID.randomUUID().toString();
    this.tenantId = tenantId;
    this.email = email;
    this.displayName = displayName;
  }

  public String id() {
    return id;
  }

  public String tenantId() {
    return tenantId;
  }

  public String email() {
    return email;
  }

  public String displayName() {
    return displayName;
  }

  public Optional<String> passwordHash() {
    return Optional.ofNullable(passwordHash);
  }

  /** Applies the declared display name; true when it changed. */
  public boolean declare(String displayName) {
    if (this.displayName.equals(displayName)) {
      return false;
    }
    this.displayName = displayName;
    return true;
  }

  /** Stores an encoded password hash (see {@code PasswordHasher}). */
  public void passwordHash(String encoded) {
    this.passwordHash = encoded;
  }
}
