package io.countersign.tenant.bundle;

import io.countersign.tenant.approval.ExternalProvider;
import io.countersign.tenant.model.ApprovalProviderEntity;
import io.countersign.tenant.secret.SecretBox;
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
    TenantRowReconciler.reconcile(
        em,
        counter,
        KIND,
        ApprovalProviderEntity.class,
        bundle.tenant().id(),
        bundle.tenant().approvalProvider(),
        ApprovalProviderEntity::new,
        this::declare);
  }

  private boolean declare(ApprovalProviderEntity row, ExternalProvider provider) {
    return row.declare(
        provider.issuer().toString(),
        provider.clientId(),
        Resealing.sealed(box, Optional.ofNullable(row.secretSealed()), provider.clientSecret()),
        provider.deliveryMode().word(),
        now);
  }
}
