package io.countersign.tenant.directory;

import io.countersign.tenant.AgentPrincipal;
import io.countersign.tenant.Tenant;
import io.countersign.tenant.TenantChanged;
import io.countersign.tenant.TenantDirectory;
import io.countersign.tenant.UpstreamEndpoint;
import io.countersign.tenant.policy.Policy;
import io.countersign.tenant.secret.ApiKeys;
import io.countersign.tenant.secret.PresentedKey;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The tenant directory the gateway reads on every call. Reads are cached for {@code
 * countersign.directory.cache-ttl} (default 5 s) so the hot path does not query the database per
 * call; a change made on this node (import, key issued or revoked) drops the tenant's entries as
 * soon as it commits, other nodes see it within the time to live.
 */
@ApplicationScoped
public class JpaTenantDirectory implements TenantDirectory {

  private static final int MAX_ENTRIES = 10_000;
  private static final char SEPARATOR = '\u0000';

  @Inject TenantStore store;

  @Inject
  @ConfigProperty(name = "countersign.directory.cache-ttl", defaultValue = "PT5S")
  Duration cacheTtl;

  private TtlCache<String, Optional<Tenant>> tenants;
  private TtlCache<String, Optional<StoredKey>> keys;
  private TtlCache<String, List<UpstreamEndpoint>> upstreams;
  private TtlCache<String, Policy> policies;

  @PostConstruct
  void createCaches() {
    tenants = new TtlCache<>(cacheTtl, MAX_ENTRIES, System::nanoTime);
    keys = new TtlCache<>(cacheTtl, MAX_ENTRIES, System::nanoTime);
    upstreams = new TtlCache<>(cacheTtl, MAX_ENTRIES, System::nanoTime);
    policies = new TtlCache<>(cacheTtl, MAX_ENTRIES, System::nanoTime);
  }

  @Override
  public Optional<Tenant> tenant(String tenantId) {
    return tenants.get(tenantId, () -> store.tenant(tenantId));
  }

  @Override
  public Optional<AgentPrincipal> authenticate(String tenantId, String presentedKey) {
    Optional<PresentedKey> key = ApiKeys.parse(presentedKey);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    String prefix = key.get().prefix();
    // looked up within the tenant: a key of tenant A presented on tenant B is simply unknown
    Optional<StoredKey> stored =
        keys.get(tenantId + SEPARATOR + prefix, () -> store.key(tenantId, prefix));
    return stored
        .filter(StoredKey::usable)
        .filter(s -> ApiKeys.matches(key.get(), s.secretHash()))
        .map(s -> new AgentPrincipal(tenantId, s.agentId(), s.agentName()));
  }

  @Override
  public List<UpstreamEndpoint> upstreams(String tenantId) {
    return upstreams.get(tenantId, () -> store.upstreams(tenantId));
  }

  @Override
  public Policy policy(String tenantId) {
    return policies.get(tenantId, () -> store.policy(tenantId));
  }

  /** Drops every cached entry of the tenant once a change to it has committed. */
  void onTenantChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) TenantChanged changed) {
    invalidate(changed.tenantId());
  }

  /** Drops every cached entry of the tenant on this node. */
  public void invalidate(String tenantId) {
    tenants.invalidateIf(tenantId::equals);
    upstreams.invalidateIf(tenantId::equals);
    policies.invalidateIf(tenantId::equals);
    String keyPrefix = tenantId + SEPARATOR;
    keys.invalidateIf(k -> k.startsWith(keyPrefix));
  }
}
