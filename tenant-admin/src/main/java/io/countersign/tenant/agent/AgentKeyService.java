package io.countersign.tenant.agent;

import io.countersign.tenant.TenantChanged;
import io.countersign.tenant.model.AgentEntity;
import io.countersign.tenant.model.AgentKeyEntity;
import io.countersign.tenant.secret.ApiKeys;
import io.countersign.tenant.secret.PresentedKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;

/** Issues and revokes agent API keys. Only the prefix and the SHA-256 of the secret are stored. */
@ApplicationScoped
public class AgentKeyService {

  @PersistenceContext(unitName = "countersign")
  EntityManager em;

  @Inject Event<TenantChanged> tenantChanged;

  /**
   * Issues a new random key to an enabled agent.
   *
   * @throws UnknownAgentException when the tenant has no enabled agent of that name
   */
  @Transactional
  public IssuedKey issue(String tenantId, String agentName) {
    return store(agent(tenantId, agentName), ApiKeys.generate());
  }

  /**
   * Stores a key chosen by the caller (demo mode passes {@code COUNTERSIGN_DEMO_AGENT_KEY}, so the
   * demo's MCP client can be configured in advance). Idempotent: when this exact key is already
   * stored for this agent and not revoked, nothing changes.
   *
   * @throws IllegalArgumentException when the key does not have the {@code cs_<prefix>_<secret>}
   *     shape (the message says what is wrong, never the secret), or its prefix is taken by another
   *     key
   * @throws UnknownAgentException when the tenant has no enabled agent of that name
   */
  @Transactional
  public IssuedKey issueWithValue(String tenantId, String agentName, String presetKey) {
    PresentedKey key = ApiKeys.require(presetKey);
    AgentEntity agent = agent(tenantId, agentName);
    Optional<AgentKeyEntity> existing = byPrefix(key.prefix());
    if (existing.isPresent()) {
      AgentKeyEntity stored = existing.get();
      boolean same =
          stored.agentId().equals(agent.id())
              && !stored.revoked()
              && ApiKeys.matches(key, stored.secretHash());
      if (!same) {
        throw new IllegalArgumentException(
            "an API key with prefix '" + key.prefix() + "' already exists; choose another key");
      }
      return new IssuedKey(tenantId, agentName, key.prefix(), key.plaintext());
    }
    return store(agent, key);
  }

  /**
   * Revokes the key with this prefix of this agent.
   *
   * @return false when the agent has no such key (revoking twice is not an error: true again)
   */
  @Transactional
  public boolean revoke(String tenantId, String agentName, String prefix) {
    Optional<AgentEntity> agent = findAgent(tenantId, agentName);
    Optional<AgentKeyEntity> key =
        byPrefix(prefix)
            .filter(k -> k.tenantId().equals(tenantId))
            .filter(k -> agent.isPresent() && k.agentId().equals(agent.get().id()));
    if (key.isEmpty()) {
      return false;
    }
    if (key.get().revoke(Instant.now())) {
      tenantChanged.fire(new TenantChanged(tenantId));
    }
    return true;
  }

  private IssuedKey store(AgentEntity agent, PresentedKey key) {
    em.persist(
        new AgentKeyEntity(
            agent.tenantId(), agent.id(), key.prefix(), key.secretHash(), Instant.now()));
    tenantChanged.fire(new TenantChanged(agent.tenantId()));
    return new IssuedKey(agent.tenantId(), agent.name(), key.prefix(), key.plaintext());
  }

  private AgentEntity agent(String tenantId, String agentName) {
    return findAgent(tenantId, agentName)
        .filter(AgentEntity::enabled)
        .orElseThrow(() -> new UnknownAgentException(tenantId, agentName));
  }

  private Optional<AgentEntity> findAgent(String tenantId, String agentName) {
    return em.createQuery(
            "SELECT a FROM AgentEntity a WHERE a.tenantId = :tenant AND a.name = :name",
            AgentEntity.class)
        .setParameter("tenant", tenantId)
        .setParameter("name", agentName)
        .getResultStream()
        .findFirst();
  }

  private Optional<AgentKeyEntity> byPrefix(String prefix) {
    return em.createQuery(
            "SELECT k FROM AgentKeyEntity k WHERE k.prefix = :prefix", AgentKeyEntity.class)
        .setParameter("prefix", prefix)
        .getResultStream()
        .findFirst();
  }
}
