package io.countersign.tenant.bundle;

import io.countersign.tenant.model.AgentEntity;
import jakarta.persistence.EntityManager;
import java.util.Map;

/**
 * Makes a tenant's agents match the bundle. Agents the bundle no longer declares are disabled, not
 * deleted: their keys and the audit log refer to them; declaring them again enables them.
 */
final class AgentReconciler {

  static final String KIND = "agents";

  private final EntityManager em;
  private final ChangeCounter counter;

  AgentReconciler(EntityManager em, ChangeCounter counter) {
    this.em = em;
    this.counter = counter;
  }

  void reconcile(TenantBundle bundle) {
    String tenantId = bundle.tenant().id();
    Map<String, AgentEntity> existing =
        TenantRows.byName(em, AgentEntity.class, tenantId, AgentEntity::name);
    for (AgentDeclaration declared : bundle.agents()) {
      AgentEntity row = existing.remove(declared.name());
      if (row == null) {
        row = new AgentEntity(tenantId, declared.name());
        row.declare(declared.description());
        em.persist(row);
        counter.created(KIND);
      } else {
        counter.updatedIf(KIND, row.declare(declared.description()));
      }
    }
    for (AgentEntity absent : existing.values()) {
      if (absent.disable()) {
        counter.removed(KIND);
      }
    }
  }
}
