package io.countersign.gateway.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.gateway.jsonrpc.JsonRpcMessage;
import io.countersign.gateway.jsonrpc.JsonRpcMessage.Request;
import io.countersign.gateway.jsonrpc.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class ModernTasksTest {

  private static final String DECLARED = "{\"extensions\":{\"io.modelcontextprotocol/tasks\":{}}}";

  @Test
  void aTaskCallNeedsTheDeclarationAndATaskTool() {
    JsonObject required = json("{\"name\":\"t\",\"execution\":{\"taskSupport\":\"required\"}}");
    JsonObject optional = json("{\"name\":\"t\",\"execution\":{\"taskSupport\":\"optional\"}}");
    JsonObject plain = json("{\"name\":\"t\"}");
    assertTrue(ModernTasks.asTask(call(DECLARED), required));
    assertTrue(ModernTasks.asTask(call(DECLARED), optional));
    assertFalse(ModernTasks.asTask(call(DECLARED), plain));
    assertFalse(ModernTasks.asTask(call("{}"), optional));
    assertTrue(ModernTasks.needsTheExtension(call("{}"), required));
    assertFalse(ModernTasks.needsTheExtension(call("{}"), optional));
    assertFalse(ModernTasks.needsTheExtension(call(DECLARED), required));
  }

  @Test
  void a2025CreatedTaskBecomesA2026TaskResult() {
    JsonObject result =
        ModernTasks.created(
                json(
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"resultType\":\"complete\","
                        + "\"task\":{\"taskId\":\"cs-task-x\",\"status\":\"working\","
                        + "\"statusMessage\":\"Gathering\",\"createdAt\":\"2026-11-21T10:00:00Z\","
                        + "\"lastUpdatedAt\":\"2026-11-21T10:00:01Z\",\"ttl\":60000,"
                        + "\"pollInterval\":1000}}}"))
            .getJsonObject("result");
    assertEquals("task", result.getString("resultType"));
    assertEquals("cs-task-x", result.getString("taskId"));
    assertEquals("working", result.getString("status"));
    assertEquals("Gathering", result.getString("statusMessage"));
    assertEquals(60000, result.getInt("ttlMs"));
    assertEquals(1000, result.getInt("pollIntervalMs"));
    assertEquals("2026-11-21T10:00:01Z", result.getString("lastUpdatedAt"));
    assertFalse(result.containsKey("task") || result.containsKey("ttl"), result.toString());
  }

  @Test
  void anUnlimitedTaskHasANullTtlAndOtherResponsesPassUnchanged() {
    JsonObject result =
        ModernTasks.created(
                json(
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"task\":{\"taskId\":\"cs-task-y\","
                        + "\"status\":\"working\",\"createdAt\":\"c\",\"lastUpdatedAt\":\"c\","
                        + "\"ttl\":null}}}"))
            .getJsonObject("result");
    assertEquals(JsonValue.NULL, result.get("ttlMs"));
    JsonObject plain = json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[]}}");
    assertEquals(plain, ModernTasks.created(plain));
  }

  @Test
  void aMissingCapabilityNamesTheExtension() {
    JsonObject error = ModernTasks.missingCapability(call("{}")).getJsonObject("error");
    assertEquals(-32021, error.getInt("code"));
    assertTrue(
        error
            .getJsonObject("data")
            .getJsonObject("requiredCapabilities")
            .getJsonObject("extensions")
            .containsKey("io.modelcontextprotocol/tasks"));
  }

  private static Request call(String capabilities) {
    return (Request)
        JsonRpcMessage.parse(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"t\","
                + "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":"
                + capabilities
                + "}}}");
  }

  private static JsonObject json(String text) {
    try (var reader = Jsonp.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }
}
