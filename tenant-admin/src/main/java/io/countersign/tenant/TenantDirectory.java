package io.countersign.tenant;

import io.countersign.tenant.policy.Policy;
import java.util.List;
import java.util.Optional;

/**
 * What the gateway needs to know about a tenant, read on every request: the seam between the
 * gateway and the tenant model. Implementations cache, so a call costs no database round trip when
 * nothing changed.
 */
public interface TenantDirectory {

  /** The tenant with this slug, if it exists. */
  Optional<Tenant> tenant(String tenantId);

  /**
   * The agent that owns this API key on this tenant. Empty when the key is malformed, unknown,
   * revoked, belongs to a disabled agent or to another tenant. Compares secrets in constant time.
   */
  Optional<AgentPrincipal> authenticate(String tenantId, String presentedKey);

  /**
   * The tenant's upstream MCP servers, with their credentials decrypted (never handed to agents).
   */
  List<UpstreamEndpoint> upstreams(String tenantId);

  /** The policy in force for the tenant (the highest version); deny-all when it has none. */
  Policy policy(String tenantId);
}
