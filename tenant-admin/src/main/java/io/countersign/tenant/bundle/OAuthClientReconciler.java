package io.countersign.tenant.bundle;

import io.countersign.tenant.model.AgentEntity;
import io.countersign.tenant.model.OAuthClientEntity;
import io.countersign.tenant.oauth.ClientRegistration;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Makes the tenant's bundle-declared OAuth clients match the bundle. Clients registered through the
 * REST API are left alone; a declared client id that the API registered is taken over by the
 * bundle. Clients no longer declared are disabled, never deleted (approval requests name them).
 * Secrets are kept across imports unless the authentication method changes.
 */
final class OAuthClientReconciler {

  static final String KIND = "oauthClients";

  private final EntityManager em;
  private final ChangeCounter counter;
  private final Instant now;

  OAuthClientReconciler(EntityManager em, ChangeCounter counter, Instant now) {
    this.em = em;
    this.counter = counter;
    this.now = now;
  }

  void reconcile(TenantBundle bundle) {
    String tenantId = bundle.tenant().id();
    Map<String, OAuthClientEntity> existing =
        TenantRows.byName(em, OAuthClientEntity.class, tenantId, OAuthClientEntity::clientId);
    Map<String, AgentEntity> agents =
        TenantRows.byName(em, AgentEntity.class, tenantId, AgentEntity::name);
    for (ClientRegistration declared : bundle.oauthClients()) {
      Optional<String> agentId = declared.agent().map(agents::get).map(AgentEntity::id);
      OAuthClientEntity row = existing.remove(declared.clientId());
      if (row == null) {
        row =
            new OAuthClientEntity(
                tenantId, declared.clientId(), OAuthClientEntity.FROM_BUNDLE, now);
        row.declare(declared, agentId);
        em.persist(row);
        counter.created(KIND);
      } else {
        row.adoptIntoBundle();
        counter.updatedIf(KIND, row.declare(declared, agentId));
      }
    }
    for (OAuthClientEntity absent : existing.values()) {
      if (absent.source().equals(OAuthClientEntity.FROM_BUNDLE) && absent.disable()) {
        counter.removed(KIND);
      }
    }
  }
}
