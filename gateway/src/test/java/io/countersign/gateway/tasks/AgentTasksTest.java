package io.countersign.gateway.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.gateway.pipeline.ToolCall;
import io.countersign.gateway.session.McpSession;
import io.countersign.tenant.AgentPrincipal;
import io.countersign.tenant.UpstreamEndpoint;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentTasksTest {

  private final List<McpTaskEntity> stored = new ArrayList<>();

  private AgentTasks tasks() {
    var tasks = new AgentTasks();
    tasks.entityManager =
        (EntityManager)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {EntityManager.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("persist")) {
                    stored.add((McpTaskEntity) args[0]);
                  }
                  return null;
                });
    return tasks;
  }

  private static ToolCall call() {
    var session = new McpSession("s-1", new AgentPrincipal("acme", "agent-1", "a"), "2025-11-25");
    var upstream =
        new UpstreamEndpoint(
            "u-1",
            "acme",
            "everything",
            URI.create("http://127.0.0.1:1/mcp"),
            Map.of(),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1));
    return new ToolCall(
        "call-1",
        session,
        upstream,
        "simulate-research-query",
        JsonValue.EMPTY_JSON_OBJECT,
        JsonValue.EMPTY_JSON_OBJECT,
        "d",
        Instant.now());
  }

  @Test
  void aCreatedTaskIsStoredAndNamedByTheGatewaysId() {
    String data =
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"task\":{\"taskId\":\"up-42\","
            + "\"status\":\"working\",\"ttl\":60000}}}";
    String adopted = tasks().adopt(call(), Jsonp.createValue(3), data);
    JsonObject task =
        Jsonp.createReader(new StringReader(adopted))
            .readObject()
            .getJsonObject("result")
            .getJsonObject("task");
    assertTrue(task.getString("taskId").startsWith("cs-task-"), adopted);
    assertEquals("working", task.getString("status"));
    assertEquals(1, stored.size());
    assertEquals("up-42", stored.get(0).upstreamTaskId);
    assertEquals(task.getString("taskId"), stored.get(0).id);
    assertEquals("agent-1", stored.get(0).agentId);
  }

  @Test
  void otherMessagesPassUnchanged() {
    String progress = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{}}";
    assertEquals(progress, tasks().adopt(call(), Jsonp.createValue(3), progress));
    String plain = "{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"content\":[]}}";
    assertEquals(plain, tasks().adopt(call(), Jsonp.createValue(3), plain));
    assertEquals(0, stored.size());
  }
}
