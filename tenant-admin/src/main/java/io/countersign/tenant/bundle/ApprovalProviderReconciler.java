package io.countersign.tenant.bundle;

import io.countersign.tenant.approval.ExternalProvider;
import io.countersign.tenant.model.ApprovalProviderEntity;
import io.countersign.tenant.secret.SecretBox;
import io.countersign.tenant.secret.UnreadableSecretException;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Optional;

/**
 * Makes a tenant's {@code tenant_approval_provider} row match {@code tenant.approvalProvider}: a
 * declared provider is written (the secret resealed only when it changed), an undeclared one
 * removed, which returns the tenant to its built-in provider.
 */
final class ApprovalProviderReconciler {

  static final String KIND = "approvalProvider";

  private final EntityManager em;
  private final SecretBox box;
  private final ChangeCounter counter;
  private final Instant now;

  ApprovalProviderReconciler(EntityManager em, SecretBox box, ChangeCounter counter, Instant now) {
    this.em = em;
    this.box = box;
    this.counter = counter;
    this.now = now;
  }

  void reconcile(TenantBundle bundle) {
    String tenantId = bundle.tenant().id();
    ApprovalProviderEntity row = em.find(ApprovalProviderEntity.class, tenantId);
    Optional<ExternalProvider> declared = bundle.tenant().approvalProvider();
    if (declared.isEmpty()) {
      if (row != null) {
        em.remove(row);
        counter.removed(KIND);
      }
      return;
    }
    ExternalProvider provider = declared.get();
    boolean created = row == null;
    if (created) {
      row = new ApprovalProviderEntity(tenantId);
    }
    String sealed =
        !created && sameSecret(row, provider.clientSecret())
            ? row.secretSealed()
            : box.seal(provider.clientSecret());
    boolean changed =
        row.declare(
            provider.issuer().toString(),
            provider.clientId(),
            sealed,
            provider.deliveryMode().word(),
            now);
    if (created) {
      em.persist(row);
      counter.created(KIND);
    } else {
      counter.updatedIf(KIND, changed);
    }
  }

  private boolean sameSecret(ApprovalProviderEntity row, String secret) {
    try {
      return box.open(row.secretSealed()).equals(secret);
    } catch (UnreadableSecretException sealedUnderAnotherKey) {
      return false; // reseal under the current key
    }
  }
}
