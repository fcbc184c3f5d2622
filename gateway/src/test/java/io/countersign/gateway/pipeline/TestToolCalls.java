package io.countersign.gateway.pipeline;

import io.countersign.audit.ArgumentsDigest;
import io.countersign.gateway.session.McpSession;
import io.countersign.tenant.AgentPrincipal;
import io.countersign.tenant.UpstreamEndpoint;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Fixtures: a call by an agent of tenant {@code acme} to a tool of its upstream {@code shop}. */
public final class TestToolCalls {

  private TestToolCalls() {}

  /**
   * {@code agent} calls {@code tool} with {@code arguments} (JSON text); the tool is described by
   * {@code definition}.
   */
  public static ToolCall call(String agent, String tool, String arguments, JsonObject definition) {
    var upstream =
        new UpstreamEndpoint(
            "u-1",
            "acme",
            "shop",
            URI.create("http://shop/mcp"),
            Map.of(),
            Duration.ofSeconds(1),
            Duration.ofSeconds(5));
    JsonObject args = Json.createReader(new StringReader(arguments)).readObject();
    return new ToolCall(
        "call-1",
        new McpSession("s-1", new AgentPrincipal("acme", "agent-1", agent), "2025-11-25"),
        upstream,
        tool,
        definition,
        args,
        ArgumentsDigest.of(args.toString()),
        Instant.EPOCH);
  }
}
