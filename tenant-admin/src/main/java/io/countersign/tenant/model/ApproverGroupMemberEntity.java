package io.countersign.tenant.model;

import jakarta.persistence.Access;
import jakarta.persistence.AccessType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** A row of {@code approver_group_member}: a member belongs to an approver group. */
@Entity
@Table(name = "approver_group_member")
@IdClass(ApproverGroupMemberEntity.Key.class)
@Access(AccessType.FIELD)
public class ApproverGroupMemberEntity {

  @Id
  @Column(name = "group_id", length = 36)
  private String groupId;

  @Id
  @Column(name = "member_id", length = 36)
  private String memberId;

  @Column(name = "tenant_id", nullable = false, length = 63)
  private String tenantId;

  protected ApproverGroupMemberEntity() {}

  public ApproverGroupMemberEntity(String tenantId, String groupId, String memberId) {
    this.tenantId = tenantId;
    this.groupId = groupId;
    this.memberId = memberId;
  }

  public String tenantId() {
    return tenantId;
  }

  public String groupId() {
    return groupId;
  }

  public String memberId() {
    return memberId;
  }

  /** The composite primary key. */
  public record Key(String groupId, String memberId) implements Serializable {
    public Key() {
      this(null, null);
    }
  }
}
