package io.countersign.tenant.notification;

import io.countersign.tenant.model.WebhookEntity;
import io.countersign.tenant.secret.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.util.Optional;

/**
 * The webhook a tenant's bundle declares, read from its row each time (no cache: an import on any
 * node takes effect on every node at the next notification).
 */
@ApplicationScoped
public class ChatWebhooks {

  @PersistenceContext(unitName = "countersign")
  EntityManager em;

  @Inject SecretBox box;

  /** The declared webhook, with its secret opened; empty when the tenant declares none. */
  public Optional<ChatWebhook> find(String tenantId) {
    return Optional.ofNullable(em.find(WebhookEntity.class, tenantId))
        .map(row -> new ChatWebhook(URI.create(row.url()), box.open(row.secretSealed())));
  }

  /** Whether the tenant declares a webhook (its secret stays sealed). */
  public boolean declared(String tenantId) {
    return em.find(WebhookEntity.class, tenantId) != null;
  }
}
