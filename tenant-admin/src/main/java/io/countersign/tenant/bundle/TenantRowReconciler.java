package io.countersign.tenant.bundle;

import jakarta.persistence.EntityManager;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Makes a tenant's optional one-row section match its declaration: declared, the row is created or
 * updated; undeclared, it is removed. Counted under {@code kind}.
 */
final class TenantRowReconciler {

  private TenantRowReconciler() {}

  /**
   * @param create a new row for the tenant
   * @param declare applies the declaration to the row; true when something changed
   */
  static <E, D> void reconcile(
      EntityManager em,
      ChangeCounter counter,
      String kind,
      Class<E> type,
      String tenantId,
      Optional<D> declared,
      Function<String, E> create,
      BiPredicate<E, D> declare) {
    E row = em.find(type, tenantId);
    if (declared.isEmpty()) {
      if (row != null) {
        em.remove(row);
        counter.removed(kind);
      }
      return;
    }
    boolean created = row == null;
    if (created) {
      row = create.apply(tenantId);
    }
    boolean changed = declare.test(row, declared.get());
    if (created) {
      em.persist(row);
      counter.created(kind);
    } else {
      counter.updatedIf(kind, changed);
    }
  }
}
