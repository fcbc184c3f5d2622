package io.countersign.tenant.directory;

import io.countersign.tenant.Tenant;
import io.countersign.tenant.UpstreamEndpoint;
import io.countersign.tenant.bundle.UpstreamCredentials;
import io.countersign.tenant.model.AgentEntity;
import io.countersign.tenant.model.AgentKeyEntity;
import io.countersign.tenant.model.PolicyVersionEntity;
import io.countersign.tenant.model.TenantEntity;
import io.countersign.tenant.model.UpstreamEntity;
import io.countersign.tenant.policy.Policy;
import io.countersign.tenant.policy.PolicyCompiler;
import io.countersign.tenant.policy.PolicyDocument;
import io.countersign.tenant.secret.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Reads the tenant model from the database for {@link JpaTenantDirectory} (uncached). */
@ApplicationScoped
public class TenantStore {

  private static final Logger LOG = Logger.getLogger(TenantStore.class.getName());

  @PersistenceContext(unitName = "countersign")
  EntityManager em;

  @Inject SecretBox secretBox;

  @Inject PolicyCompiler compiler;

  /** Compiled policies by tenant, reused while the tenant's latest version stays the same. */
  private final Map<String, CompiledVersion> compiled = new ConcurrentHashMap<>();

  private record CompiledVersion(int version, String digest, Policy policy) {}

  public Optional<Tenant> tenant(String tenantId) {
    return Optional.ofNullable(em.find(TenantEntity.class, tenantId))
        .map(t -> new Tenant(t.id(), t.displayName(), t.demo(), t.toolNames(), t.approverSignIn()));
  }

  /** The tenant's own approval expiry bounds; platform defaults for an unknown tenant. */
  public io.countersign.tenant.ApprovalExpiry approvalExpiry(String tenantId) {
    return Optional.ofNullable(em.find(TenantEntity.class, tenantId))
        .map(TenantEntity::approvalExpiry)
        .orElseGet(io.countersign.tenant.ApprovalExpiry::platformDefaults);
  }

  /** The key with this prefix on this tenant, with whether it may still authenticate. */
  public Optional<StoredKey> key(String tenantId, String prefix) {
    List<Object[]> rows =
        em.createQuery(
                "SELECT k, a FROM AgentKeyEntity k, AgentEntity a"
                    + " WHERE k.prefix = :prefix AND k.tenantId = :tenant AND a.id = k.agentId"
                    + " AND a.tenantId = :tenant",
                Object[].class)
            .setParameter("prefix", prefix)
            .setParameter("tenant", tenantId)
            .getResultList();
    return rows.stream()
        .findFirst()
        .map(
            row -> {
              AgentKeyEntity key = (AgentKeyEntity) row[0];
              AgentEntity agent = (AgentEntity) row[1];
              return new StoredKey(
                  agent.id(), agent.name(), key.secretHash(), !key.revoked() && agent.enabled());
            });
  }

  /** The tenant's upstreams by name, with their credentials opened into headers. */
  public List<UpstreamEndpoint> upstreams(String tenantId) {
    return em.createQuery(
            "SELECT u FROM UpstreamEntity u WHERE u.tenantId = :tenant ORDER BY u.name",
            UpstreamEntity.class)
        .setParameter("tenant", tenantId)
        .getResultStream()
        .map(this::endpoint)
        .toList();
  }

  private UpstreamEndpoint endpoint(UpstreamEntity row) {
    Map<String, String> headers =
        row.credentialsSealed()
            .map(box -> UpstreamCredentials.fromJson(secretBox.open(box)).toHeaders())
            .orElse(Map.of());
    return new UpstreamEndpoint(
        row.id(),
        row.tenantId(),
        row.name(),
        URI.create(row.url()),
        headers,
        row.connectTimeout(),
        row.readTimeout());
  }

  /** The latest policy version, compiled once per version; deny-all when there is none. */
  public Policy policy(String tenantId) {
    List<Object[]> latest =
        em.createQuery(
                "SELECT p.version, p.digest FROM PolicyVersionEntity p WHERE p.tenantId = :tenant"
                    + " ORDER BY p.version DESC",
                Object[].class)
            .setParameter("tenant", tenantId)
            .setMaxResults(1)
            .getResultList();
    if (latest.isEmpty()) {
      compiled.remove(tenantId);
      return compiler.denyAll();
    }
    int version = ((Number) latest.get(0)[0]).intValue();
    String digest = (String) latest.get(0)[1];
    CompiledVersion known = compiled.get(tenantId);
    if (known != null && known.version() == version && known.digest().equals(digest)) {
      return known.policy();
    }
    Policy policy = compile(tenantId, version);
    compiled.put(tenantId, new CompiledVersion(version, digest, policy));
    return policy;
  }

  private Policy compile(String tenantId, int version) {
    PolicyVersionEntity row =
        em.createQuery(
                "SELECT p FROM PolicyVersionEntity p WHERE p.tenantId = :tenant AND p.version = :version",
                PolicyVersionEntity.class)
            .setParameter("tenant", tenantId)
            .setParameter("version", version)
            .getSingleResult();
    try {
      return compiler.compile(version, PolicyDocument.read(row.document()));
    } catch (IllegalArgumentException e) {
      // only a hand-edited row gets here (imports are validated): fail closed, loudly
      LOG.log(
          Level.SEVERE,
          "policy version "
              + version
              + " of tenant "
              + tenantId
              + " is unusable; denying all calls",
          e);
      return compiler.denyAll();
    }
  }
}
