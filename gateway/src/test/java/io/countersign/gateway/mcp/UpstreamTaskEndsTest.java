package io.countersign.gateway.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.gateway.session.McpSession;
import io.countersign.gateway.tasks.UpstreamTask;
import io.countersign.tenant.AgentPrincipal;
import io.countersign.tenant.UpstreamEndpoint;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UpstreamTaskEndsTest {

  private static final McpSession SESSION =
      new McpSession("session-1", new AgentPrincipal("acme", "agent-1", "a"), "2025-11-25");
  private static final UpstreamEndpoint UPSTREAM =
      new UpstreamEndpoint(
          "u-1",
          "acme",
          "everything",
          URI.create("http://127.0.0.1:1/mcp"),
          Map.of(),
          Duration.ofSeconds(1),
          Duration.ofSeconds(1));

  private final List<UpstreamTaskEnds.End> audited = new ArrayList<>();
  private int asked;

  @Test
  void aCompletedTaskIsItsResultSucceededOrAToolError() {
    var succeeded = end("completed", "{\"result\":{\"content\":[],\"isError\":false}}");
    assertEquals("succeeded", succeeded.outcome());
    assertEquals("[]", succeeded.answer().orElseThrow().get("content").toString());
    assertEquals(
        "tool_error", end("completed", "{\"result\":{\"content\":[],\"isError\":true}}").outcome());
    assertEquals("succeeded", end("completed", "{}").outcome());
  }

  @Test
  void aCompletedTaskWhoseResultIsAJsonRpcErrorIsAnUpstreamError() {
    var failed = end("completed", "{\"error\":{\"code\":-32603,\"message\":\"x\"}}");
    assertEquals("upstream_error", failed.outcome());
    assertEquals(-32603, failed.answer().orElseThrow().getInt("code"));
  }

  @Test
  void aFailedTaskIsAToolErrorWhenItsResultSaysSoAndAnUpstreamErrorOtherwise() {
    // 2025-11-25: failed "includes cases where the tool call result has isError set to true"
    assertEquals(
        "tool_error", end("failed", "{\"result\":{\"content\":[],\"isError\":true}}").outcome());
    var error = end("failed", "{\"error\":{\"code\":-32603,\"message\":\"boom\"}}");
    assertEquals("upstream_error", error.outcome());
    assertEquals("boom", error.answer().orElseThrow().getString("message"));
    assertEquals("upstream_error", end("failed", "{\"result\":{\"content\":[]}}").outcome());
    assertEquals("upstream_error", end("failed", "{}").outcome());
  }

  @Test
  void aCancelledTaskIsCancelledWithoutAnAnswer() {
    var cancelled = end("cancelled", "{\"result\":{\"content\":[]}}");
    assertEquals("cancelled", cancelled.outcome());
    assertTrue(cancelled.answer().isEmpty());
  }

  @Test
  void aTaskThatStillRunsHasNoEnd() {
    for (String status : List.of("working", "input_required", "", "unknown")) {
      assertTrue(UpstreamTaskEnds.End.of(status, json("{}")).isEmpty(), status);
    }
  }

  @Test
  void aCreatedTaskOfEitherShapeIsNotTheCallsOutcome() {
    assertTrue(UpstreamTaskEnds.created(json("{\"result\":{\"task\":{\"taskId\":\"t\"}}}")));
    assertTrue(UpstreamTaskEnds.created(json("{\"result\":{\"resultType\":\"task\"}}")));
    assertFalse(UpstreamTaskEnds.created(json("{\"result\":{\"content\":[]}}")));
    assertFalse(UpstreamTaskEnds.created(json("{\"result\":{\"resultType\":\"complete\"}}")));
    assertFalse(UpstreamTaskEnds.created(json("{\"error\":{\"code\":-32601}}")));
    assertFalse(UpstreamTaskEnds.created(null));
  }

  @Test
  void aTerminalStatusSeenFirstIsAuditedWithTheFinalAnswerItAsksFor() {
    ends().seen(route(false), "completed", answer("{\"result\":{\"isError\":true}}"));
    assertEquals(1, asked);
    assertEquals(List.of("tool_error"), outcomes());
  }

  @Test
  void aCancelledTaskIsAuditedWithoutAskingForAnAnswer() {
    ends().seen(route(false), "cancelled", answer("{}"));
    assertEquals(0, asked);
    assertEquals(List.of("cancelled"), outcomes());
  }

  @Test
  void aRunningTaskOrAnEndAlreadyAuditedIsNotAuditedNorAskedAbout() {
    ends().seen(route(false), "working", answer("{}"));
    ends().seen(route(true), "completed", answer("{\"result\":{}}"));
    ends().seen(route(true), "cancelled", answer("{}"));
    assertEquals(0, asked);
    assertTrue(audited.isEmpty());
  }

  @Test
  void anEndWhoseAnswerDidNotComeWaitsForTheNextLook() {
    ends()
        .seen(
            route(false),
            "completed",
            () -> {
              asked++;
              return Optional.empty();
            });
    assertEquals(1, asked);
    assertTrue(audited.isEmpty());
  }

  @Test
  void theStatusOfTheTaskAnAnswerCarries() {
    assertEquals(
        Optional.of("cancelled"),
        TaskRequests.status(
            Optional.of(json("{\"result\":{\"taskId\":\"t\",\"status\":\"cancelled\"}}"))));
    assertEquals(
        Optional.empty(),
        TaskRequests.status(Optional.of(json("{\"error\":{\"code\":-32602,\"message\":\"x\"}}"))));
    assertEquals(
        Optional.empty(), TaskRequests.status(Optional.of(json("{\"result\":{\"content\":[]}}"))));
    assertEquals(Optional.empty(), TaskRequests.status(Optional.empty()));
  }

  private UpstreamTaskEnds ends() {
    return new UpstreamTaskEnds() {
      @Override
      void audit(TaskRequests.Route route, End end) {
        audited.add(end);
      }
    };
  }

  private java.util.function.Supplier<Optional<JsonObject>> answer(String text) {
    return () -> {
      asked++;
      return Optional.of(json(text));
    };
  }

  private List<String> outcomes() {
    return audited.stream().map(UpstreamTaskEnds.End::outcome).toList();
  }

  private static TaskRequests.Route route(boolean endAudited) {
    var task =
        new UpstreamTask(
            "cs-task-ours",
            SESSION.id(),
            UPSTREAM.id(),
            "up-1",
            "call-1",
            "simulate-research-query",
            "d",
            Instant.parse("2026-11-21T10:00:00Z"),
            endAudited);
    return new TaskRequests.Route(task, SESSION, UPSTREAM);
  }

  private static UpstreamTaskEnds.End end(String status, String response) {
    return UpstreamTaskEnds.End.of(status, json(response)).orElseThrow();
  }

  private static JsonObject json(String text) {
    return Jsonp.createReader(new StringReader(text)).readObject();
  }
}
