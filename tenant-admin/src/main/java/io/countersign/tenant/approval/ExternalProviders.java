package io.countersign.tenant.approval;

import io.countersign.tenant.model.ApprovalProviderEntity;
import io.countersign.tenant.oauth.DeliveryMode;
import io.countersign.tenant.secret.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.util.Optional;

/**
 * The external CIBA provider a tenant's bundle declares, read from its row each time (no cache: an
 * import on any node takes effect on every node at the next held call).
 */
@ApplicationScoped
public class ExternalProviders {

  @PersistenceContext(unitName = "countersign")
  EntityManager em;

  @Inject SecretBox box;

  /** The declared provider, with its secret opened; empty for the built-in provider. */
  public Optional<ExternalProvider> find(String tenantId) {
    return Optional.ofNullable(em.find(ApprovalProviderEntity.class, tenantId))
        .map(
            row ->
                new ExternalProvider(
                    URI.create(row.issuer()),
                    row.clientId(),
                    box.open(row.secretSealed()),
                    DeliveryMode.parse(row.deliveryMode())
                        .orElseThrow(
                            () ->
                                new IllegalStateException(
                                    "tenant_approval_provider.delivery_mode is "
                                        + row.deliveryMode()))));
  }
}
