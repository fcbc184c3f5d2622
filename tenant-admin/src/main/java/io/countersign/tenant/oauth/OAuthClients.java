package io.countersign.tenant.oauth;

import io.countersign.tenant.model.AgentEntity;
import io.countersign.tenant.model.OAuthClientEntity;
import io.countersign.tenant.outbound.OutboundUrlPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The tenant's OAuth clients: registration through the REST API, secrets (issued once, stored as
 * SHA-256), lookups for the provider. Bundle-declared clients are reconciled by the bundle import;
 * this API manages the others and issues secrets to both.
 */
@ApplicationScoped
public class OAuthClients {

  @PersistenceContext(unitName = "countersign")
  EntityManager em;

  @Inject OutboundUrlPolicy outbound;

  /** What registering a client produced. */
  public sealed interface Registration {}

  /** Registered; {@code secret} is shown this once (secret-based methods only). */
  public record Registered(RegisteredClient client, Optional<String> secret)
      implements Registration {}

  public record Refused(List<ClientProblem> problems) implements Registration {}

  public record Conflict(String clientId) implements Registration {}

  /** The enabled client with this id, in this tenant only. */
  @Transactional
  public Optional<RegisteredClient> find(String tenantId, String clientId) {
    return row(tenantId, clientId).filter(OAuthClientEntity::enabled).map(this::view);
  }

  /** The tenant's enabled clients, by client id. */
  @Transactional
  public List<RegisteredClient> list(String tenantId) {
    return em.createQuery(
            "SELECT c FROM OAuthClientEntity c WHERE c.tenantId = :tenant AND c.enabled = TRUE"
                + " ORDER BY c.clientId",
            OAuthClientEntity.class)
        .setParameter("tenant", tenantId)
        .getResultStream()
        .map(this::view)
        .toList();
  }

  @Transactional
  public Registration register(String tenantId, ClientRegistration registration) {
    Map<String, String> agents = agentIdsByName(tenantId);
    List<ClientProblem> problems = ClientRules.problems(registration, outbound, agents.keySet());
    if (!problems.isEmpty()) {
      return new Refused(problems);
    }
    if (row(tenantId, registration.clientId()).isPresent()) {
      return new Conflict(registration.clientId());
    }
    OAuthClientEntity row =
        new OAuthClientEntity(
            tenantId, registration.clientId(), OAuthClientEntity.FROM_API, Instant.now());
    row.declare(registration, registration.agent().map(agents::get));
    Optional<String> secret = Optional.empty();
    if (registration.authMethod().usesSecret()) {
      secret = Optional.of(ClientSecrets.generate());
      row.secretIssued(ClientSecrets.hash(secret.get()));
    }
    em.persist(row);
    return new Registered(view(row), secret);
  }

  /**
   * Issues a new secret to an enabled client that authenticates with one, replacing the old one at
   * once. Empty when there is no such client, or it uses private_key_jwt.
   */
  @Transactional
  public Optional<String> issueSecret(String tenantId, String clientId) {
    Optional<OAuthClientEntity> row =
        row(tenantId, clientId)
            .filter(OAuthClientEntity::enabled)
            .filter(c -> c.authMethod().usesSecret());
    if (row.isEmpty()) {
      return Optional.empty();
    }
    String secret = ClientSecrets.generate();
    row.get().secretIssued(ClientSecrets.hash(secret));
    return Optional.of(secret);
  }

  /**
   * Stores a secret chosen by the caller (demo mode), so the demo's clients can be configured in
   * advance. Empty result when there is no such client.
   */
  @Transactional
  public boolean presetSecret(String tenantId, String clientId, String secret) {
    if (secret.length() < 32) {
      throw new IllegalArgumentException("a client secret has at least 32 characters");
    }
    Optional<OAuthClientEntity> row =
        row(tenantId, clientId)
            .filter(OAuthClientEntity::enabled)
            .filter(c -> c.authMethod().usesSecret());
    row.ifPresent(c -> c.secretIssued(ClientSecrets.hash(secret)));
    return row.isPresent();
  }

  /**
   * Disables a client; false when there is none. A bundle that still declares it enables it again
   * at its next import.
   */
  @Transactional
  public boolean disable(String tenantId, String clientId) {
    return row(tenantId, clientId).map(OAuthClientEntity::disable).orElse(false);
  }

  private Optional<OAuthClientEntity> row(String tenantId, String clientId) {
    return em.createQuery(
            "SELECT c FROM OAuthClientEntity c WHERE c.tenantId = :tenant"
                + " AND c.clientId = :client",
            OAuthClientEntity.class)
        .setParameter("tenant", tenantId)
        .setParameter("client", clientId)
        .getResultStream()
        .findFirst();
  }

  private Map<String, String> agentIdsByName(String tenantId) {
    return em.createQuery(
            "SELECT a FROM AgentEntity a WHERE a.tenantId = :tenant AND a.enabled = TRUE",
            AgentEntity.class)
        .setParameter("tenant", tenantId)
        .getResultStream()
        .collect(Collectors.toMap(AgentEntity::name, AgentEntity::id));
  }

  private RegisteredClient view(OAuthClientEntity row) {
    Optional<String> agentName =
        row.agentId()
            .map(id -> em.find(AgentEntity.class, id))
            .filter(AgentEntity::enabled)
            .map(AgentEntity::name);
    return new RegisteredClient(
        row.tenantId(),
        row.clientId(),
        row.description(),
        row.grants(),
        row.authMethod(),
        row.secretHash(),
        row.jwks(),
        row.agentId(),
        agentName,
        row.fapi(),
        row.deliveryMode(),
        row.notificationEndpoint(),
        row.requestSigningAlg(),
        row.source());
  }
}
