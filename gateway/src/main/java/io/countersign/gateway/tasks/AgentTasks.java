package io.countersign.gateway.tasks;

import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.gateway.pipeline.ToolCall;
import io.countersign.gateway.session.UnguessableIds;
import io.countersign.tenant.AgentPrincipal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The tasks of agents' task-augmented {@code tools/call}s (MCP 2025-11-25 "Tasks", and the
 * 2026-07-28 tasks extension): the upstream's task behind an allowed call, or the gateway's own
 * task for a held call. An upstream's task id never reaches the agent: every task is named by an id
 * of the gateway's (256 random bits) that is found only for that agent of that tenant, so another
 * agent's {@code tasks/get} finds nothing, exactly as for an id that never existed. Stored, so
 * tasks outlive a restart.
 */
@ApplicationScoped
public class AgentTasks {

  private static final String PREFIX = "cs-task-";

  @PersistenceContext(unitName = "countersign")
  EntityManager entityManager;

  private final Clock clock = Clock.systemUTC();

  /**
   * The upstream's answer to a task-augmented call, as the agent gets it: a created task ({@code
   * result.task.taskId}) is recorded and named by the gateway's id; anything else is unchanged.
   */
  @Transactional
  public JsonObject adopt(ToolCall call, JsonObject response) {
    if (!(response.get("result") instanceof JsonObject result)
        || !(result.get("task") instanceof JsonObject task)
        || !(task.get("taskId") instanceof JsonString upstreamTaskId)) {
      return response;
    }
    JsonObject named =
        Jsonp.createObjectBuilder(task)
            .add("taskId", open(call, upstreamTaskId.getString()))
            .build();
    return Jsonp.createObjectBuilder(response)
        .add("result", Jsonp.createObjectBuilder(result).add("task", named))
        .build();
  }

  /** Records the upstream's task behind an allowed call; the gateway's id the agent sees for it. */
  @Transactional
  public String open(ToolCall call, String upstreamTaskId) {
    var entity = entity(call);
    entity.upstreamTaskId = upstreamTaskId;
    entity.tool = call.tool();
    entity.argumentsDigest = call.argumentsDigest();
    entityManager.persist(entity);
    return entity.id;
  }

  /**
   * Marks the task as ended and runs {@code audit}, the first time only, on any node: the mark is
   * undone when the audit fails, so the next agent's look at the ended task audits it again.
   */
  @Transactional
  public void endOnce(UpstreamTask task, Runnable audit) {
    int marked =
        entityManager
            .createQuery(
                "UPDATE McpTaskEntity t SET t.endedAt = :now WHERE t.id = :id AND t.endedAt IS NULL")
            .setParameter("now", OffsetDateTime.now(clock))
            .setParameter("id", task.id())
            .executeUpdate();
    if (marked == 1) {
      audit.run();
    }
  }

  /** A new task of the agent's that follows the held call this call opened or joined. */
  @Transactional
  public HeldCallTask hold(ToolCall call, String heldCallId) {
    var entity = entity(call);
    entity.heldCallId = heldCallId;
    entityManager.persist(entity);
    return new HeldCallTask(entity.id, heldCallId, entity.createdAt.toInstant());
  }

  private McpTaskEntity entity(ToolCall call) {
    var entity = new McpTaskEntity();
    entity.id = PREFIX + UnguessableIds.of(32);
    entity.tenantId = call.tenantId();
    entity.agentId = call.agent().agentId();
    entity.sessionId = call.session().id();
    entity.upstreamId = call.upstream().id();
    entity.callId = call.callId();
    entity.createdAt = OffsetDateTime.now(clock);
    return entity;
  }

  /** The same for an SSE event's data: only the response to {@code requestId} can create one. */
  @Transactional
  public String adopt(ToolCall call, JsonValue requestId, String data) {
    try (var reader = Jsonp.createReader(new StringReader(data))) {
      JsonValue value = reader.readValue();
      if (value instanceof JsonObject message
          && !message.containsKey("method")
          && requestId.equals(message.get("id"))) {
        return adopt(call, message).toString();
      }
      return data;
    } catch (JsonException e) {
      return data;
    }
  }

  /** The agent's task with this id; empty for an unknown id and for another agent's task. */
  @Transactional
  public Optional<AgentTask> find(AgentPrincipal agent, String taskId) {
    if (!taskId.startsWith(PREFIX) || taskId.length() > 64) {
      return Optional.empty();
    }
    McpTaskEntity entity = entityManager.find(McpTaskEntity.class, taskId);
    if (entity == null
        || !entity.tenantId.equals(agent.tenantId())
        || !entity.agentId.equals(agent.agentId())) {
      return Optional.empty();
    }
    if (entity.heldCallId != null) {
      return Optional.of(
          new HeldCallTask(entity.id, entity.heldCallId, entity.createdAt.toInstant()));
    }
    return Optional.of(
        new UpstreamTask(
            entity.id,
            entity.sessionId,
            entity.upstreamId,
            entity.upstreamTaskId,
            entity.callId,
            entity.tool == null ? "" : entity.tool,
            entity.argumentsDigest == null ? "" : entity.argumentsDigest,
            entity.createdAt.toInstant(),
            entity.endedAt != null));
  }
}
