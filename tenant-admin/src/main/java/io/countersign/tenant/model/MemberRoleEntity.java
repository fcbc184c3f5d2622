package io.countersign.tenant.model;

import jakarta.persistence.Access;
import jakarta.persistence.AccessType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** A row of {@code member_role}: one role (tenant-admin, approver, auditor) of one member. */
@Entity
@Table(name = "member_role")
@IdClass(MemberRoleEntity.Key.class)
@Access(AccessType.FIELD)
public class MemberRoleEntity {

  @Id
  @Column(name = "member_id", length = 36)
  private String memberId;

  @Id
  @Column(name = "role", length = 20)
  private String role;

  @Column(name = "tenant_id", nullable = false, length = 63)
  private String tenantId;

  protected MemberRoleEntity() {}

  public MemberRoleEntity(String tenantId, String memberId, String role) {
    this.tenantId = tenantId;
    this.memberId = memberId;
    this.role = role;
  }

  public String tenantId() {
    return tenantId;
  }

  public String memberId() {
    return memberId;
  }

  public String role() {
    return role;
  }

  /** The composite primary key. */
  public record Key(String memberId, String role) implements Serializable {
    public Key() {
      this(null, null);
    }
  }
}
