package io.countersign.tenant.bundle;

import io.countersign.tenant.model.UpstreamEntity;
import io.countersign.tenant.secret.SecretBox;
import io.countersign.tenant.secret.UnreadableSecretException;
import jakarta.persistence.EntityManager;
import java.util.Map;
import java.util.Optional;

/** Makes a tenant's upstream rows match the bundle; credentials are resealed only when changed. */
final class UpstreamReconciler {

  static final String KIND = "upstreams";

  private final EntityManager em;
  private final SecretBox box;
  private final ChangeCounter counter;

  UpstreamReconciler(EntityManager em, SecretBox box, ChangeCounter counter) {
    this.em = em;
    this.box = box;
    this.counter = counter;
  }

  void reconcile(TenantBundle bundle) {
    String tenantId = bundle.tenant().id();
    Map<String, UpstreamEntity> existing =
        TenantRows.byName(em, UpstreamEntity.class, tenantId, UpstreamEntity::name);
    for (UpstreamDeclaration declared : bundle.upstreams()) {
      UpstreamEntity row = existing.remove(declared.name());
      boolean created = row == null;
      if (created) {
        row = new UpstreamEntity(tenantId, declared.name());
      }
      boolean changed =
          row.connect(declared.url().toString(), declared.connectTimeout(), declared.readTimeout());
      if (!sameCredentials(row, declared.credentials())) {
        changed |= row.sealCredentials(sealed(declared.credentials()));
      }
      if (created) {
        em.persist(row);
        counter.created(KIND);
      } else {
        counter.updatedIf(KIND, changed);
      }
    }
    for (UpstreamEntity absent : existing.values()) {
      em.remove(absent);
      counter.removed(KIND);
    }
  }

  private boolean sameCredentials(UpstreamEntity row, UpstreamCredentials declared) {
    Optional<String> sealed = row.credentialsSealed();
    if (sealed.isEmpty()) {
      return declared.isEmpty();
    }
    try {
      return !declared.isEmpty() && box.open(sealed.get()).equals(declared.toJson());
    } catch (UnreadableSecretException sealedUnderAnotherKey) {
      return false; // reseal under the current key
    }
  }

  private Optional<String> sealed(UpstreamCredentials credentials) {
    return credentials.isEmpty() ? Optional.empty() : Optional.of(box.seal(credentials.toJson()));
  }
}
