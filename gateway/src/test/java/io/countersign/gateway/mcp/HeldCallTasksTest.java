package io.countersign.gateway.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.gateway.hold.HeldCall;
import io.countersign.gateway.hold.HeldCallOutcomes.Followed;
import io.countersign.gateway.hold.HeldCallState;
import io.countersign.gateway.hold.HeldOutcome;
import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.gateway.tasks.HeldCallTask;
import io.countersign.tenant.AgentPrincipal;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HeldCallTasksTest {

  private static final Instant CREATED = Instant.parse("2026-11-21T10:00:00Z");
  private static final HeldCallTask TASK = new HeldCallTask("cs-task-abc", "call-1", CREATED);

  private static Followed followed(HeldCallState state, Optional<String> answer) {
    var held =
        new HeldCall(
            "call-1",
            new AgentPrincipal("acme", "agent-1", "a"),
            "s-1",
            "shop",
            "delete_orders",
            "{}",
            "d",
            "rule",
            "2 of db-owners",
            "CS-4F2K",
            state,
            Optional.of("1 of 2 from db-owners"),
            Optional.empty(),
            state == HeldCallState.REJECTED ? Optional.of("Not today") : Optional.empty(),
            false,
            CREATED,
            Optional.of(CREATED.plusSeconds(300)),
            state.isTerminal() ? Optional.of(CREATED.plusSeconds(60)) : Optional.empty());
    return new Followed(held, HeldOutcome.of(held, answer));
  }

  private static JsonObject fields(Followed followed, boolean modern) {
    return HeldCallTasks.fields(TASK, followed, modern).build();
  }

  @Test
  void aWaitingCallIsAWorkingTaskWhoseMessageIsTheVotes() {
    JsonObject legacy = fields(followed(HeldCallState.PENDING, Optional.empty()), false);
    assertEquals("working", legacy.getString("status"));
    assertEquals(
        "awaiting approval: 1 of 2 from db-owners, code CS-4F2K",
        legacy.getString("statusMessage"));
    assertTrue(legacy.containsKey("ttl") && legacy.containsKey("pollInterval"), legacy.toString());
    assertEquals(CREATED.toString(), legacy.getString("lastUpdatedAt"));
    JsonObject modern = fields(followed(HeldCallState.PENDING, Optional.empty()), true);
    assertTrue(
        modern.containsKey("ttlMs") && modern.containsKey("pollIntervalMs"), modern.toString());
    assertFalse(modern.containsKey("ttl"), modern.toString());
  }

  @Test
  void aRejectionFailsA2025TaskAndCompletesA2026OneWithTheToolError() {
    Followed rejected = followed(HeldCallState.REJECTED, Optional.empty());
    JsonObject legacy = fields(rejected, false);
    assertEquals("failed", legacy.getString("status"));
    assertTrue(legacy.getString("statusMessage").contains("Not today"), legacy.toString());
    assertEquals(CREATED.plusSeconds(60).toString(), legacy.getString("lastUpdatedAt"));
    assertEquals("completed", fields(rejected, true).getString("status"));
  }

  @Test
  void anAnswerCompletesTheTaskAndAnErrorFailsIt() {
    var result =
        Optional.of("{\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"deleted: 2\"}]}}");
    assertEquals(
        "completed", HeldCallTasks.status(followed(HeldCallState.COMPLETED, result), false));
    var error = Optional.of("{\"error\":{\"code\":-32603,\"message\":\"disk full\"}}");
    JsonObject failed = fields(followed(HeldCallState.COMPLETED, error), true);
    assertEquals("failed", failed.getString("status"));
    assertEquals("disk full", failed.getString("statusMessage"));
    assertEquals(
        "cancelled",
        HeldCallTasks.status(followed(HeldCallState.CANCELLED, Optional.empty()), false));
  }

  @Test
  void theResultOfTasksResultNamesItsTask() {
    JsonObject response =
        Jsonp.createReader(
                new StringReader(
                    "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"content\":[],\"_meta\":{\"k\":1}}}"))
            .readObject();
    JsonObject named = HeldCallTasks.relatedTo(response, "cs-task-abc");
    JsonObject meta = named.getJsonObject("result").getJsonObject("_meta");
    assertEquals(1, meta.getInt("k"));
    assertEquals("cs-task-abc", meta.getJsonObject(HeldCallTasks.RELATED_TASK).getString("taskId"));
  }
}
