package io.countersign.gateway.upstream;

import io.countersign.gateway.jsonrpc.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Set;

/**
 * The tasks extension of MCP 2026-07-28 ({@code io.modelcontextprotocol/tasks}) as a client
 * declares it: in the {@code extensions} of the client capabilities it sends with each request
 * ("Capability Negotiation": "an empty object indicates support").
 */
public final class TasksExtension {

  public static final String ID = "io.modelcontextprotocol/tasks";

  /**
   * The requests whose client must declare the extension: {@code tools/call}, the one request that
   * may be answered with a task ("Supported Methods"), and the extension's own methods ("Servers
   * MUST return this error for non-declaring clients issuing tasks/get, tasks/update, and
   * tasks/cancel requests").
   */
  static final Set<String> REQUESTS =
      Set.of("tools/call", "tasks/get", "tasks/update", "tasks/cancel");

  private TasksExtension() {}

  /** Whether client capabilities declare the extension. */
  public static boolean declaredIn(JsonObject capabilities) {
    return capabilities.get("extensions") instanceof JsonObject extensions
        && extensions.get(ID) instanceof JsonObject;
  }

  /** The capabilities with the extension declared too. */
  static JsonObject declaredTo(JsonObject capabilities) {
    var extensions =
        Jsonp.createObjectBuilder(
                capabilities.get("extensions") instanceof JsonObject existing
                    ? existing
                    : JsonValue.EMPTY_JSON_OBJECT)
            .add(ID, JsonValue.EMPTY_JSON_OBJECT);
    return Jsonp.createObjectBuilder(capabilities).add("extensions", extensions).build();
  }
}
