package io.countersign.tenant.bundle;

import jakarta.persistence.EntityManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Loads one tenant's rows of an entity, keyed by their natural name. */
final class TenantRows {

  private TenantRows() {}

  static <T> Map<String, T> byName(
      EntityManager em, Class<T> type, String tenantId, Function<T, String> name) {
    List<T> rows =
        em.createQuery(
                "SELECT e FROM " + type.getSimpleName() + " e WHERE e.tenantId = :tenant", type)
            .setParameter("tenant", tenantId)
            .getResultList();
    Map<String, T> byName = new LinkedHashMap<>();
    rows.forEach(row -> byName.put(name.apply(row), row));
    return byName;
  }

  static <T> List<T> all(EntityManager em, Class<T> type, String tenantId) {
    return em.createQuery(
            "SELECT e FROM " + type.getSimpleName() + " e WHERE e.tenantId = :tenant", type)
        .setParameter("tenant", tenantId)
        .getResultList();
  }
}
