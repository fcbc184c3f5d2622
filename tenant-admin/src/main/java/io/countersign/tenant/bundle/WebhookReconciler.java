package io.countersign.tenant.bundle;

import io.countersign.tenant.model.WebhookEntity;
import io.countersign.tenant.notification.ChatWebhook;
import io.countersign.tenant.secret.SecretBox;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Optional;

/**
 * Makes a tenant's {@code tenant_webhook} row match {@code tenant.notifications.webhook}: a
 * declared webhook is written (the secret resealed only when it changed), an undeclared one
 * removed.
 */
final class WebhookReconciler {

  static final String KIND = "webhook";

  private final EntityManager em;
  private final SecretBox box;
  private final ChangeCounter counter;
  private final Instant now;

  WebhookReconciler(EntityManager em, SecretBox box, ChangeCounter counter, Instant now) {
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
        WebhookEntity.class,
        bundle.tenant().id(),
        bundle.tenant().webhook(),
        WebhookEntity::new,
        this::declare);
  }

  private boolean declare(WebhookEntity row, ChatWebhook webhook) {
    return row.declare(
        webhook.url().toString(),
        Resealing.sealed(box, Optional.ofNullable(row.secretSealed()), webhook.secret()),
        now);
  }
}
