package io.countersign.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A failure the MCP endpoint did not expect (here the database refuses a new session) reaches the
 * agent as HTTP 500 with a JSON-RPC error that names a reference, and nothing of the failure
 * itself: no SQL, no stack trace.
 */
class UnexpectedFailureIT {

  private static final String MARK = "it-unexpected-failure";

  @AfterEach
  void unblock() throws Exception {
    Database.execute("ALTER TABLE mcp_session DROP CONSTRAINT IF EXISTS it_refuse_session");
  }

  @Test
  void initializeWhenDatabaseRefusesSessionThenInternalErrorNamingOnlyReference() throws Exception {
    Database.execute(
        "ALTER TABLE mcp_session ADD CONSTRAINT it_refuse_session"
            + " CHECK (client_info IS NULL OR client_info NOT LIKE '%"
            + MARK
            + "%')");
    var mcp = new McpHttp("demo", ItEnvironment.demoAgentKey());
    var response =
        mcp.post(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\""
                + MARK
                + "\",\"version\":\"1\"}}}",
            mcp.standardHeaders());

    assertEquals(500, response.statusCode(), response.body());
    var message = McpHttp.message(response);
    assertEquals(JsonValue.NULL, message.get("id"));
    assertEquals(-32603, message.getJsonObject("error").getInt("code"));
    String text = message.getJsonObject("error").getString("message");
    assertTrue(text.matches("Internal error: .*\\(reference [0-9a-f-]{36}\\)"), text);
    assertFalse(response.body().toLowerCase().contains("constraint"), response.body());
  }
}
