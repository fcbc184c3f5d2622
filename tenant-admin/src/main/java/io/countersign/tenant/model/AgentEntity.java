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

/**
 * A row of {@code agent}. Agents are disabled, never deleted, when a bundle stops declaring them:
 * their keys and the audit log refer to them.
 */
@Entity
@Table(name = "agent")
@Access(AccessType.FIELD)
public class AgentEntity {

  @Id
  @Column(name = "id", length = 36)
  private String id;

  @Column(name = "tenant_id", nullable = false, length = 63)
  private String tenantId;

  @Column(name = "name", nullable = false, length = 63)
  private String name;

  @Column(name = "description", length = 500)
  private String description;

  @Column(name = "enabled", nullable = false)
  private boolean enabled;

  protected AgentEntity() {}

  public AgentEntity(String tenantId, String name) {
    this.id = UUID.randomUUID().toString();
    this.tenantId = tenantId;
    this.name = name;
    this.enabled = true;
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

  public boolean enabled() {
    return enabled;
  }

  /** Applies a declaration (which also re-enables); true when something changed. */
  public boolean declare(Optional<String> description) {
    if (enabled && Objects.equals(this.description, description.orElse(null))) {
      return false;
    }
    this.description = description.orElse(null);
    this.enabled = true;
    return true;
  }

  /** Disables the agent; true when it was enabled. */
  public boolean disable() {
    boolean was = enabled;
    enabled = false;
    return was;
  }
}
