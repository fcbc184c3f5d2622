package io.countersign.web.demo;

import io.countersign.tenant.model.TenantEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** Guards demo mode: it only ever changes a tenant that is a demo tenant. */
@ApplicationScoped
public class DemoTenantGuard {

  @PersistenceContext(unitName = "countersign")
  EntityManager entityManager;

  /** Demo mode never takes over a real tenant that happens to be called "demo". */
  @Transactional
  public void refuseIfNotDemo(String tenantId) {
    TenantEntity tenant = entityManager.find(TenantEntity.class, tenantId);
    if (tenant != null && !tenant.demo()) {
      throw new IllegalStateException(
          "tenant '"
              + tenantId
              + "' exists and is not a demo tenant:"
              + " demo mode refuses to change it");
    }
  }
}
