package io.countersign.tenant.model;

import jakarta.persistence.Access;
import jakarta.persistence.AccessType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A row of {@code approver_group}: members who may approve held tool calls together. */
@Entity
@Table(name = "approver_group")
@Access(AccessType.FIELD)
public class ApproverGroupEntity {

  @Id
  @Column(name = "id", length = 36)
  private String id;

  @Column(name = "tenant_id", nullable = false, length = 63)
  private String tenantId;

  @Column(name = "name", nullable = false, length = 63)
  private String name;

  @Column(name = "description", length = 500)
  private String description;

  protected ApproverGroupEntity() {}

  public ApproverGroupEntity(String tenantId, String name) {
    this.id = UUID.randomUUID().toString();
    this.tenantId = tenantId;
    this.name = name;
  }

  public String id() {
    return id;
  }

  public String tenantId() {
    return tenantId;
  }

  public String name() {
    return name;
  }

  public Optional<String> description() {
    return Optional.ofNullable(description);
  }

  /** Applies the declared description; true when it changed. */
  public boolean declare(Optional<String> description) {
    if (Objects.equals(this.description, description.orElse(null))) {
      return false;
    }
    this.description = description.orElse(null);
    return true;
  }
}
