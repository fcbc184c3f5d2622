package io.countersign.it;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

/** Results a minimal MCP server of a test's own (a JDK HttpServer) answers with. */
final class MinimalUpstream {

  private MinimalUpstream() {}

  /** {@code initialize}: 2025-11-25, tools only, this server name. */
  static JsonObjectBuilder initializeResult(String serverName) {
    return Json.createObjectBuilder()
        .add("protocolVersion", "2025-11-25")
        .add("capabilities", Json.createObjectBuilder().add("tools", Json.createObjectBuilder()))
        .add("serverInfo", Json.createObjectBuilder().add("name", serverName).add("version", "1"));
  }

  /** {@code tools/list}: one tool of this name taking any object. */
  static JsonObjectBuilder toolsListResult(String tool, JsonObjectBuilder annotations) {
    return Json.createObjectBuilder()
        .add(
            "tools",
            Json.createArrayBuilder()
                .add(
                    Json.createObjectBuilder()
                        .add("name", tool)
                        .add("inputSchema", Json.createObjectBuilder().add("type", "object"))
                        .add("annotations", annotations)));
  }

  /** A tool result with one text content. */
  static JsonObjectBuilder textResult(String text) {
    return Json.createObjectBuilder()
        .add(
            "content",
            Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("type", "text").add("text", text)));
  }
}
