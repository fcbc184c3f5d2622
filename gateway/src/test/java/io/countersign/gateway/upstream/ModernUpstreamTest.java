package io.countersign.gateway.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.gateway.session.McpSession;
import io.countersign.tenant.AgentPrincipal;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class ModernUpstreamTest {

  private static final McpSession MODERN =
      new McpSession("modern-agent-1", new AgentPrincipal("acme", "agent-1", "a"), "2026-07-28");
  private static final String DECLARED =
      "{\"elicitation\":{\"form\":{}},\"experimental\":{},"
          + "\"extensions\":{\"io.modelcontextprotocol/tasks\":{},\"com.example/other\":{}}}";

  @Test
  void theTasksExtensionIsDeclaredToTheUpstreamOnTheRequestsThatMakeOrNameATask() {
    for (String method : new String[] {"tools/call", "tasks/get", "tasks/update", "tasks/cancel"}) {
      JsonObject offered = ModernUpstream.capabilities(MODERN, request(method, DECLARED));
      assertTrue(TasksExtension.declaredIn(offered), method + ": " + offered);
      assertTrue(offered.containsKey("elicitation"), offered.toString());
      assertFalse(offered.toString().contains("com.example/other"), offered.toString());
      assertFalse(offered.containsKey("experimental"), offered.toString());
    }
  }

  @Test
  void theExtensionIsNotDeclaredForOtherRequestsNorWhenTheAgentDidNotDeclareIt() {
    assertFalse(
        TasksExtension.declaredIn(
            ModernUpstream.capabilities(MODERN, request("prompts/get", DECLARED))));
    assertFalse(
        TasksExtension.declaredIn(
            ModernUpstream.capabilities(MODERN, request("tools/call", "{\"elicitation\":{}}"))));
    assertFalse(
        TasksExtension.declaredIn(
            ModernUpstream.capabilities(
                MODERN,
                request(
                    "tools/call", "{\"extensions\":{\"io.modelcontextprotocol/tasks\":true}}"))));
  }

  @Test
  void aTaskRequestIsRoutedByItsTaskIdInMcpName() {
    JsonObject message = request("tasks/get", DECLARED);
    ModernRequest sent =
        ModernRequest.of(
            message, UpstreamEras.CLIENT_INFO, ModernUpstream.capabilities(MODERN, message));
    assertEquals("up-7", sent.headers().get(ModernRequest.NAME_HEADER));
    assertEquals("tasks/get", sent.headers().get(ModernRequest.METHOD_HEADER));
    assertTrue(
        TasksExtension.declaredIn(
            sent.message()
                .getJsonObject("params")
                .getJsonObject("_meta")
                .getJsonObject(ModernRequest.META_CAPABILITIES)));
  }

  private static JsonObject request(String method, String capabilities) {
    String name = method.startsWith("tasks/") ? "\"taskId\":\"up-7\"" : "\"name\":\"t\"";
    return Jsonp.createReader(
            new StringReader(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\""
                    + method
                    + "\",\"params\":{"
                    + name
                    + ",\"_meta\":{\"io.modelcontextprotocol/clientCapabilities\":"
                    + capabilities
                    + "}}}"))
        .readObject();
  }
}
