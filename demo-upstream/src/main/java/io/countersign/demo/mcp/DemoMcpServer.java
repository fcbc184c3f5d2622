package io.countersign.demo.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.countersign.demo.tool.DemoTool;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.http.HttpServlet;
import java.util.List;

/**
 * The demo MCP server on the official Java SDK: its Streamable HTTP transport is a servlet that the
 * web layer maps at {@value #ENDPOINT}; tools run on the request thread.
 */
public final class DemoMcpServer implements AutoCloseable {

  public static final String ENDPOINT = "/mcp";

  private final HttpServletStreamableServerTransportProvider transport;
  private final McpSyncServer server;

  private DemoMcpServer(
      HttpServletStreamableServerTransportProvider transport, McpSyncServer server) {
    this.transport = transport;
    this.server = server;
  }

  public static DemoMcpServer create(List<DemoTool> tools, String version) {
    ObjectMapper objectMapper = new ObjectMapper().registerModule(McpErrorSerializer.module());
    McpJsonMapper jsonMapper = new JacksonMcpJsonMapper(objectMapper);
    HttpServletStreamableServerTransportProvider transport =
        HttpServletStreamableServerTransportProvider.builder()
            .jsonMapper(jsonMapper)
            .mcpEndpoint(ENDPOINT)
            .build();
    McpSyncServer server =
        McpServer.sync(new PinnedVersionsTransportProvider(transport))
            .serverInfo(
                McpSchema.Implementation.builder("countersign-demo-upstream", version)
                    .title("Countersign demo upstream")
                    .build())
            .instructions(
                "Demo shop back office. Orders, e-mail, card charges and configuration are demo"
                    + " data in local tables; read_file reads a sandbox folder.")
            .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
            .jsonMapper(jsonMapper)
            .jsonSchemaValidator(new DefaultJsonSchemaValidator(objectMapper))
            // Each tool checks its own arguments against its input schema, with messages that
            // name the rule ("delete_orders needs at least one filter"); SchemaAgreementTest keeps
            // those checks and the published schemas in step. Outputs are still validated.
            .validateToolInputs(false)
            // Run tools on the servlet thread, inside the container's context, not on Reactor's.
            .immediateExecution(true)
            .tools(tools.stream().map(ToolSpecifications::of).toList())
            .build();
    return new DemoMcpServer(transport, server);
  }

  /** The servlet to map at {@link #ENDPOINT}, with async support on. */
  public HttpServlet servlet() {
    return transport;
  }

  @Override
  public void close() {
    server.closeGracefully();
  }
}
