package io.countersign.gateway.session;

import io.countersign.gateway.upstream.UpstreamLink;
import io.countersign.tenant.AgentPrincipal;
import io.countersign.tenant.UpstreamEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sessions and their upstream links. The database is the source of truth; a short-lived cache keeps
 * the hot path off it. An ended session is forgotten here at once and on other nodes within the
 * cache's time to live.
 */
@ApplicationScoped
public class SessionStore {

  @PersistenceContext(unitName = "countersign")
  EntityManager entityManager;

  @Inject
  @ConfigProperty(name = "countersign.mcp.session-cache-ttl", defaultValue = "PT5S")
  Duration cacheTtl;

  private final Clock clock = Clock.systemUTC();
  private final Map<String, Cached<McpSession>> sessions = new ConcurrentHashMap<>();
  private final Map<String, Cached<UpstreamLink>> links = new ConcurrentHashMap<>();

  private record Cached<T>(T value, Instant loadedAt) {}

  /** Opens a session; its id has 256 random bits, visible ASCII as the transport requires. */
  @Transactional
  public McpSession open(
      AgentPrincipal agent, String protocolVersion, String clientInfo, String capabilities) {
    var entity = new McpSessionEntity();
    entity.id = UnguessableIds.of(32);
    entity.tenantId = agent.tenantId();
    entity.agentId = agent.agentId();
    entity.protocolVersion = protocolVersion;
    entity.clientInfo = clientInfo;
    entity.clientCapabilities = capabilities;
    entity.createdAt = OffsetDateTime.now(clock);
    entity.lastSeenAt = entity.createdAt;
    entityManager.persist(entity);
    var session = new McpSession(entity.id, agent, protocolVersion, capabilities);
    sessions.put(session.id(), new Cached<>(session, clock.instant()));
    return session;
  }

  /**
   * The agent's one session behind its MCP 2026-07-28 requests, which carry none: opened on the
   * first, reopened if a legacy DELETE ended it. It declares to upstreams the client capabilities
   * the gateway bridges ({@link McpSession#MODERN_CAPABILITIES}).
   */
  @Transactional
  public McpSession modern(AgentPrincipal agent, String clientInfo) {
    String id = "modern-" + agent.agentId();
    Optional<McpSession> live = find(agent, id);
    if (live.isPresent()) {
      return live.get();
    }
    var entity = entityManager.find(McpSessionEntity.class, id);
    if (entity == null) {
      entity = new McpSessionEntity();
      entity.id = id;
      entity.tenantId = agent.tenantId();
      entity.agentId = agent.agentId();
      entity.protocolVersion = McpSession.MODERN;
      entity.clientInfo = clientInfo;
      entity.clientCapabilities = McpSession.MODERN_CAPABILITIES;
      entity.createdAt = OffsetDateTime.now(clock);
      entity.lastSeenAt = entity.createdAt;
      entityManager.persist(entity);
    } else {
      entity.endedAt = null;
      entity.clientCapabilities = McpSession.MODERN_CAPABILITIES;
    }
    var session = new McpSession(id, agent, McpSession.MODERN, McpSession.MODERN_CAPABILITIES);
    sessions.put(id, new Cached<>(session, clock.instant()));
    return session;
  }

  /**
   * The live session with this id, if it exists, has not ended and belongs to this agent. A session
   * presented by another agent, even of the same tenant, is not found.
   */
  public Optional<McpSession> find(AgentPrincipal agent, String sessionId) {
    Cached<McpSession> cached = sessions.get(sessionId);
    McpSession session;
    if (cached != null && cached.loadedAt().plus(cacheTtl).isAfter(clock.instant())) {
      session = cached.value();
    } else {
      var entity = entityManager.find(McpSessionEntity.class, sessionId);
      if (entity == null || entity.endedAt != null) {
        sessions.remove(sessionId);
        return Optional.empty();
      }
      session =
          new McpSession(
              entity.id,
              new AgentPrincipal(entity.tenantId, entity.agentId, agent.agentName()),
              entity.protocolVersion,
              entity.clientCapabilities);
      sessions.put(sessionId, new Cached<>(session, clock.instant()));
    }
    boolean sameAgent =
        session.tenantId().equals(agent.tenantId())
            && session.agent().agentId().equals(agent.agentId());
    return sameAgent ? Optional.of(session) : Optional.empty();
  }

  /** Ends the session (HTTP DELETE); later requests with its id get 404. */
  @Transactional
  public void end(McpSession session) {
    sessions.remove(session.id());
    links.keySet().removeIf(key -> key.startsWith(session.id() + "|"));
    var entity = entityManager.find(McpSessionEntity.class, session.id());
    if (entity != null) {
      entity.end(OffsetDateTime.now(clock));
    }
  }

  /** The link to this upstream already made for this session, if any. */
  public Optional<UpstreamLink> link(McpSession session, UpstreamEndpoint endpoint) {
    String key = session.id() + "|" + endpoint.id();
    Cached<UpstreamLink> cached = links.get(key);
    if (cached != null) {
      return Optional.of(cached.value());
    }
    var entity =
        entityManager.find(
            UpstreamSessionEntity.class,
            new UpstreamSessionEntity.Key(session.id(), endpoint.id()));
    if (entity == null) {
      return Optional.empty();
    }
    var link =
        new UpstreamLink(
            endpoint, Optional.ofNullable(entity.upstreamSessionId), entity.protocolVersion);
    links.put(key, new Cached<>(link, clock.instant()));
    return Optional.of(link);
  }

  /** Records (or replaces) the link to an upstream. */
  @Transactional
  public void saveLink(McpSession session, UpstreamLink link) {
    var entity =
        entityManager.find(
            UpstreamSessionEntity.class,
            new UpstreamSessionEntity.Key(session.id(), link.endpoint().id()));
    if (entity == null) {
      entity = new UpstreamSessionEntity();
      entity.sessionId = session.id();
      entity.upstreamId = link.endpoint().id();
      entity.tenantId = session.tenantId();
      entity.upstreamSessionId = link.sessionId().orElse(null);
      entity.protocolVersion = link.protocolVersion();
      entityManager.persist(entity);
    } else {
      entity.relink(link.sessionId().orElse(null), link.protocolVersion());
    }
    links.put(session.id() + "|" + link.endpoint().id(), new Cached<>(link, clock.instant()));
  }
}
