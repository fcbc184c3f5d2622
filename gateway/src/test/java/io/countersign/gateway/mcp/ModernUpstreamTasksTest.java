package io.countersign.gateway.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.gateway.jsonrpc.JsonRpcMessage;
import io.countersign.gateway.jsonrpc.JsonRpcMessage.Request;
import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.gateway.pipeline.ToolCall;
import io.countersign.gateway.session.McpSession;
import io.countersign.gateway.tasks.AgentTasks;
import io.countersign.gateway.tasks.UpstreamTask;
import io.countersign.tenant.AgentPrincipal;
import io.countersign.tenant.UpstreamEndpoint;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModernUpstreamTasksTest {

  private static final McpSession SESSION =
      new McpSession("modern-agent-1", new AgentPrincipal("acme", "agent-1", "a"), "2026-07-28");
  private static final UpstreamEndpoint UPSTREAM =
      new UpstreamEndpoint(
          "u-1",
          "acme",
          "modern",
          URI.create("http://127.0.0.1:1/mcp"),
          Map.of(),
          Duration.ofSeconds(1),
          Duration.ofSeconds(1));
  private static final UpstreamTask TASK =
      new UpstreamTask(
          "cs-task-ours",
          SESSION.id(),
          UPSTREAM.id(),
          "up-7",
          "call-1",
          "slow_report",
          "d",
          Instant.parse("2026-11-21T10:00:00Z"),
          false);

  private final List<String[]> opened = new ArrayList<>();

  private ModernUpstreamTasks tasks() {
    var tasks = new ModernUpstreamTasks();
    tasks.tasks =
        new AgentTasks() {
          @Override
          public String open(ToolCall call, String upstreamTaskId) {
            opened.add(new String[] {call.callId(), upstreamTaskId, call.tool()});
            return "cs-task-ours";
          }
        };
    return tasks;
  }

  private static ToolCall call() {
    return new ToolCall(
        "call-1",
        SESSION,
        UPSTREAM,
        "slow_report",
        JsonValue.EMPTY_JSON_OBJECT,
        JsonValue.EMPTY_JSON_OBJECT,
        "d",
        Instant.now());
  }

  @Test
  void theUpstreamsCreatedTaskIsRecordedAndNamedByTheGatewaysId() {
    JsonObject adopted =
        tasks()
            .adopt(
                call(),
                json(
                    "{\"jsonrpc\":\"2.0\",\"id\":4,\"result\":{\"resultType\":\"task\","
                        + "\"taskId\":\"up-7\",\"status\":\"working\",\"ttlMs\":60000,"
                        + "\"pollIntervalMs\":200}}"));
    JsonObject result = adopted.getJsonObject("result");
    assertEquals("cs-task-ours", result.getString("taskId"));
    assertEquals("task", result.getString("resultType"));
    assertEquals(60000, result.getInt("ttlMs"));
    assertEquals(200, result.getInt("pollIntervalMs"));
    assertEquals(1, opened.size());
    assertEquals("up-7", opened.get(0)[1]);
    assertEquals("slow_report", opened.get(0)[2]);
    assertFalse(adopted.toString().contains("up-7"), adopted.toString());
  }

  @Test
  void aPlainResultPassesAndATaskWithoutAnIdIsAToolError() {
    JsonObject plain =
        json(
            "{\"jsonrpc\":\"2.0\",\"id\":4,\"result\":{\"resultType\":\"complete\",\"content\":[]}}");
    assertEquals(plain, tasks().adopt(call(), plain));
    JsonObject noId =
        tasks()
            .adopt(
                call(),
                json("{\"jsonrpc\":\"2.0\",\"id\":4,\"result\":{\"resultType\":\"task\"}}"));
    assertEquals(JsonValue.TRUE, noId.getJsonObject("result").get("isError"));
    assertTrue(noId.toString().contains("no taskId"), noId.toString());
    assertTrue(opened.isEmpty());
  }

  @Test
  void aRequestAboutTheTaskGoesToItsUpstreamUnderTheUpstreamsIdAndComesBackUnderOurs() {
    var route = new TaskRequests.Route(TASK, SESSION, UPSTREAM);
    Request update =
        request(
            "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tasks/update\",\"params\":{\"taskId\":"
                + "\"cs-task-ours\",\"inputResponses\":{\"approval-1\":{\"action\":\"accept\"}}}}");
    JsonObject sent = route.message(update);
    assertEquals("up-7", sent.getJsonObject("params").getString("taskId"));
    assertEquals(
        "accept",
        sent.getJsonObject("params")
            .getJsonObject("inputResponses")
            .getJsonObject("approval-1")
            .getString("action"));
    JsonObject answer =
        TaskRequests.named(
            json(
                "{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{\"resultType\":\"complete\","
                    + "\"taskId\":\"up-7\",\"status\":\"input_required\",\"inputRequests\":{}}}"),
            TASK);
    assertEquals("cs-task-ours", answer.getJsonObject("result").getString("taskId"));
  }

  @Test
  void aTaskEndsOnceItIsCompletedFailedOrCancelled() {
    assertTrue(ModernUpstreamTasks.ended(status("\"working\"")).isEmpty());
    assertTrue(ModernUpstreamTasks.ended(status("\"input_required\"")).isEmpty());
    var completed =
        ModernUpstreamTasks.ended(
            status("\"completed\",\"result\":{\"content\":[],\"isError\":false}"));
    assertEquals("succeeded", completed.orElseThrow().outcome());
    assertTrue(completed.orElseThrow().answer().isPresent());
    assertEquals(
        "tool_error",
        ModernUpstreamTasks.ended(status("\"completed\",\"result\":{\"isError\":true}"))
            .orElseThrow()
            .outcome());
    var failed =
        ModernUpstreamTasks.ended(
            status("\"failed\",\"error\":{\"code\":-32603,\"message\":\"x\"}"));
    assertEquals("upstream_error", failed.orElseThrow().outcome());
    assertEquals(-32603, failed.orElseThrow().answer().orElseThrow().getInt("code"));
    assertEquals(
        "cancelled", ModernUpstreamTasks.ended(status("\"cancelled\"")).orElseThrow().outcome());
    assertTrue(
        ModernUpstreamTasks.ended(json("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{}}")).isEmpty());
  }

  @Test
  void anAcknowledgedCancelIsFollowedByOneTasksGetWhoseEndIsAudited() {
    List<JsonObject> sent = new ArrayList<>();
    List<String> audited = new ArrayList<>();
    var tasks =
        withUpstream(
            sent,
            audited,
            "{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{\"resultType\":\"complete\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{\"resultType\":\"complete\","
                + "\"taskId\":\"up-7\",\"status\":\"cancelled\"}}");
    JsonObject answer =
        tasks.handle(
            new TaskRequests.Route(TASK, SESSION, UPSTREAM),
            request(
                "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tasks/cancel\",\"params\":{"
                    + "\"taskId\":\"cs-task-ours\",\"_meta\":{\"io.modelcontextprotocol/"
                    + "protocolVersion\":\"2026-07-28\"}}}"));
    assertEquals("complete", answer.getJsonObject("result").getString("resultType"));
    assertEquals(2, sent.size(), "the cancel, then one tasks/get");
    JsonObject get = sent.get(1);
    assertEquals("tasks/get", get.getString("method"));
    assertEquals("up-7", get.getJsonObject("params").getString("taskId"));
    assertTrue(get.getJsonObject("params").containsKey("_meta"), "the request's _meta goes along");
    assertEquals(List.of("cancelled"), audited);
  }

  @Test
  void aRefusedCancelOrATaskStillWindingDownAuditsNothingYet() {
    List<JsonObject> sent = new ArrayList<>();
    List<String> audited = new ArrayList<>();
    Request cancel =
        request(
            "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tasks/cancel\",\"params\":{"
                + "\"taskId\":\"cs-task-ours\"}}");
    var route = new TaskRequests.Route(TASK, SESSION, UPSTREAM);
    withUpstream(
            sent,
            audited,
            "{\"jsonrpc\":\"2.0\",\"id\":9,\"error\":{\"code\":-32602,\"message\":\"ended\"}}")
        .handle(route, cancel);
    assertEquals(1, sent.size(), "no tasks/get after a refused cancel");
    withUpstream(
            sent,
            audited,
            "{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{\"resultType\":\"complete\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{\"resultType\":\"complete\","
                + "\"taskId\":\"up-7\",\"status\":\"working\"}}")
        .handle(route, cancel);
    assertEquals(3, sent.size());
    assertTrue(audited.isEmpty(), "a task not ended yet is audited by a later tasks/get");
  }

  /** Tasks whose upstream answers {@code replies} in turn; what it is sent and what is audited. */
  private static ModernUpstreamTasks withUpstream(
      List<JsonObject> sent, List<String> audited, String... replies) {
    var tasks = new ModernUpstreamTasks();
    var answers = new java.util.ArrayDeque<>(List.of(replies));
    tasks.connector =
        new io.countersign.gateway.upstream.UpstreamConnector() {
          @Override
          public io.countersign.gateway.upstream.UpstreamReply send(
              McpSession session, UpstreamEndpoint endpoint, JsonObject message) {
            sent.add(message);
            return new io.countersign.gateway.upstream.UpstreamReply.Json(json(answers.remove()));
          }
        };
    tasks.ends =
        new UpstreamTaskEnds() {
          @Override
          void audit(TaskRequests.Route route, End end) {
            audited.add(end.outcome());
          }
        };
    tasks.notifier = new TaskStatusNotifier();
    return tasks;
  }

  @Test
  void onlyTheExtensionsTaskResultIsACreatedTask() {
    assertTrue(ModernUpstreamTasks.created(json("{\"result\":{\"resultType\":\"task\"}}")));
    assertFalse(ModernUpstreamTasks.created(json("{\"result\":{\"resultType\":\"complete\"}}")));
    assertFalse(ModernUpstreamTasks.created(json("{\"result\":{\"task\":{\"taskId\":\"x\"}}}")));
    assertFalse(ModernUpstreamTasks.created(null));
  }

  private static JsonObject status(String fields) {
    return json(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"resultType\":\"complete\",\"taskId\":\"x\","
            + "\"status\":"
            + fields
            + "}}");
  }

  private static Request request(String text) {
    return (Request) JsonRpcMessage.parse(text);
  }

  private static JsonObject json(String text) {
    return Jsonp.createReader(new StringReader(text)).readObject();
  }
}
