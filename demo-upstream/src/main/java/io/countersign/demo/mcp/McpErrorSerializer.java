package io.countersign.demo.mcp;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.modelcontextprotocol.spec.McpError;
import java.io.IOException;

/**
 * Writes an {@link McpError} as a JSON-RPC error response. The SDK's servlet transport serialises
 * the exception itself for its HTTP-level errors (missing or unknown session), which by default
 * would put a Java stack trace on the wire.
 */
final class McpErrorSerializer extends StdSerializer<McpError> {

  private static final long serialVersionUID = 1L;

  McpErrorSerializer() {
    super(McpError.class);
  }

  static SimpleModule module() {
    return new SimpleModule("countersign-mcp-error")
        .addSerializer(McpError.class, new McpErrorSerializer());
  }

  @Override
  public void serialize(McpError error, JsonGenerator json, SerializerProvider provider)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("jsonrpc", "2.0");
    json.writeNullField("id");
    json.writeObjectFieldStart("error");
    json.writeNumberField("code", error.getJsonRpcError().code());
    json.writeStringField("message", error.getJsonRpcError().message());
    json.writeEndObject();
    json.writeEndObject();
  }
}
