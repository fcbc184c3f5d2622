package io.countersign.demo.mail;

import static io.countersign.demo.tool.ToolOutcomes.failure;
import static io.countersign.demo.tool.ToolOutcomes.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.demo.db.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class SendEmailToolTest {

  private final DataSource dataSource = TestDatabase.migratedH2();
  private final OutboxRepository outbox = new OutboxRepository(dataSource);
  private final SendEmailTool tool =
      new SendEmailTool(outbox, Clock.fixed(Instant.parse("2026-04-01T08:00:00Z"), ZoneOffset.UTC));

  private static Map<String, Object> email(Object to) {
    return Map.of("to", to, "subject", "Quarterly report", "body", "See attached.");
  }

  @Test
  void invokeWhenThreeRecipientsThenThreeOutboxRowsShareTheMessageId() {
    var outcome =
        success(tool.invoke(email(List.of("ana@example.com", "bo@example.org", "cy@example.net"))));

    String messageId = (String) outcome.structuredContent().get("message_id");
    assertEquals(3, outcome.structuredContent().get("recipients"));
    assertEquals(3, ((List<?>) outcome.structuredContent().get("outbox_ids")).size());
    assertEquals(3, outbox.countByMessageId(messageId));
    assertEquals(
        1,
        TestDatabase.count(
            dataSource,
            "SELECT COUNT(*) FROM demo_outbox WHERE recipient = 'bo@example.org'"
                + " AND subject = 'Quarterly report'"
                + " AND created_at = TIMESTAMP WITH TIME ZONE '2026-04-01 08:00:00+00'"));
  }

  @Test
  void invokeWhenRecipientsAreBadThenToolErrorAndNoRow() {
    assertEquals(
        "'not-an-address' is not an e-mail address",
        failure(tool.invoke(email(List.of("ana@example.com", "not-an-address")))));
    assertEquals(
        "'ANA@example.com' appears more than once in 'to'",
        failure(tool.invoke(email(List.of("ana@example.com", "ANA@example.com")))));
    assertEquals("'to' must have 1 to 50 items, got 0", failure(tool.invoke(email(List.of()))));
    assertEquals(
        "'to' must have 1 to 50 items, got 51",
        failure(tool.invoke(email(Collections.nCopies(51, "a@example.com")))));
    assertEquals(
        "'to' must be an array of strings", failure(tool.invoke(email("ana@example.com"))));
    assertEquals(0, TestDatabase.count(dataSource, "SELECT COUNT(*) FROM demo_outbox"));
  }

  @Test
  void invokeWhenSubjectSpansLinesThenToolError() {
    assertEquals(
        "'subject' must be a single line",
        failure(
            tool.invoke(
                Map.of(
                    "to", List.of("ana@example.com"),
                    "subject", "Hi\r\nBcc: everyone@example.com",
                    "body", ""))));
  }

  @Test
  void invokeWhenBodyMissingThenToolError() {
    assertEquals(
        "Missing required argument 'body'",
        failure(tool.invoke(Map.of("to", List.of("ana@example.com"), "subject", "Hi"))));
  }

  @Test
  void definitionIsOpenWorldAndNotDestructive() {
    var annotations = tool.definition().annotations();
    assertEquals(false, annotations.readOnlyHint());
    assertEquals(false, annotations.destructiveHint());
    assertEquals(false, annotations.idempotentHint());
    assertEquals(true, annotations.openWorldHint());
    assertTrue(tool.definition().description().contains("outbox"));
  }
}
