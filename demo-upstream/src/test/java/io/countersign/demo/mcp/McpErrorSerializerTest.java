package io.countersign.demo.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

class McpErrorSerializerTest {

  @Test
  void serializeWhenSdkWritesAnErrorThenJsonRpcErrorWithoutStackTrace() throws Exception {
    ObjectMapper json = new ObjectMapper().registerModule(McpErrorSerializer.module());
    McpError error =
        McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR)
            .message("Session not found: x")
            .build();

    assertEquals(
        "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32603,\"message\":\"Session not found: x\"}}",
        json.writeValueAsString(error));
  }
}
