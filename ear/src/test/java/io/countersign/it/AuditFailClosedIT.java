package io.countersign.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When the audit row cannot be written, the call is not forwarded. The failure is real: the test
 * makes the database itself refuse audit rows for one tool, then removes that rule.
 */
class AuditFailClosedIT {

  private static final String BLOCK =
      "ALTER TABLE audit_log_entry ADD CONSTRAINT it_refuse_send_email"
          + " CHECK (tool_name <> 'send_email')";

  @AfterEach
  void unblock() throws Exception {
    Database.execute("ALTER TABLE audit_log_entry DROP CONSTRAINT IF EXISTS it_refuse_send_email");
  }

  @Test
  void toolsCallWhenAuditWriteFailsThenNothingForwarded() throws Exception {
    var mcp = new McpHttp("demo", ItEnvironment.demoAgentKey());
    mcp.initialize("2025-11-25");
    JsonObject arguments =
        Json.createObjectBuilder()
            .add("to", Json.createArrayBuilder().add("someone@example.com"))
            .add("subject", "hello")
            .add("body", "audit must come first")
            .build();
    long outboxBefore = Database.count("SELECT COUNT(*) FROM demo_outbox");

    Database.execute(BLOCK);
    JsonObject refused = mcp.callTool("shop__send_email", arguments);
    unblock();

    assertEquals(-32603, refused.getJsonObject("error").getInt("code"), refused.toString());
    assertTrue(refused.getJsonObject("error").getString("message").contains("not forwarded"));
    assertEquals(outboxBefore, Database.count("SELECT COUNT(*) FROM demo_outbox"));

    JsonObject allowed = mcp.callTool("shop__send_email", arguments);
    assertFalse(allowed.getJsonObject("result").getBoolean("isError", false), allowed.toString());
    assertEquals(outboxBefore + 1, Database.count("SELECT COUNT(*) FROM demo_outbox"));
  }
}
