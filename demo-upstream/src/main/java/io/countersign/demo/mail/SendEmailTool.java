package io.countersign.demo.mail;

import io.countersign.demo.tool.Annotations;
import io.countersign.demo.tool.Arguments;
import io.countersign.demo.tool.DemoTool;
import io.countersign.demo.tool.InvalidArgumentException;
import io.countersign.demo.tool.Schemas;
import io.countersign.demo.tool.ToolOutcome;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * {@code send_email}: "sends" an e-mail to N recipients by recording one outbox row per recipient.
 * Nothing leaves the machine, but to the caller it is an e-mail to the outside world.
 */
public class SendEmailTool implements DemoTool {

  public static final String NAME = "send_email";
  static final int MAX_RECIPIENTS = 50;

  private static final Logger LOG = Logger.getLogger(SendEmailTool.class.getName());

  /** A pragmatic address check: local part without spaces or specials, a dotted domain. */
  private static final Pattern ADDRESS =
      Pattern.compile(
          "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

  private static final McpSchema.Tool DEFINITION =
      McpSchema.Tool.builder(
              NAME,
              Schemas.parse(
                  """
                  {
                    "type": "object",
                    "properties": {
                      "to": {"type": "array", "minItems": 1, "maxItems": 50, "uniqueItems": true,
                        "items": {"type": "string", "minLength": 3, "maxLength": 254},
                        "description": "Recipient e-mail addresses."},
                      "subject": {"type": "string", "minLength": 1, "maxLength": 200,
                        "description": "Subject line, one line."},
                      "body": {"type": "string", "maxLength": 20000,
                        "description": "Plain-text body."}
                    },
                    "required": ["to", "subject", "body"],
                    "additionalProperties": false
                  }
                  """))
          .title("Send e-mail")
          .description(
              "Sends an e-mail with a subject and a plain-text body to one or more recipients"
                  + " (demo: recorded in an outbox, one row per recipient, not delivered).")
          .outputSchema(
              Schemas.parse(
                  """
                  {
                    "type": "object",
                    "properties": {
                      "message_id": {"type": "string"},
                      "recipients": {"type": "integer", "description": "Outbox rows written."},
                      "outbox_ids": {"type": "array", "items": {"type": "integer"}}
                    },
                    "required": ["message_id", "recipients", "outbox_ids"]
                  }
                  """))
          .annotations(Annotations.of("Send e-mail", false, false, false, true))
          .build();

  private final OutboxRepository outbox;
  private final Clock clock;

  public SendEmailTool(OutboxRepository outbox, Clock clock) {
    this.outbox = outbox;
    this.clock = clock;
  }

  @Override
  public McpSchema.Tool definition() {
    return DEFINITION;
  }

  @Override
  public ToolOutcome call(Arguments arguments) {
    List<String> to = recipients(arguments.requiredStringList("to", 1, MAX_RECIPIENTS, 254));
    String subject = arguments.requiredString("subject", 1, 200);
    if (subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0) {
      throw new InvalidArgumentException("'subject' must be a single line");
    }
    String body = arguments.requiredString("body", 0, 20000);
    OutboxEmail email = new OutboxEmail(UUID.randomUUID().toString(), to, subject, body);
    List<Long> ids = outbox.record(email, clock.instant());
    LOG.info(
        () ->
            "send_email recorded message "
                + email.messageId()
                + " for "
                + to.size()
                + " recipient(s)");
    return ToolOutcome.success(
        "Recorded e-mail "
            + email.messageId()
            + " for "
            + to.size()
            + " recipient(s) in the outbox",
        Map.of("message_id", email.messageId(), "recipients", ids.size(), "outbox_ids", ids));
  }

  private static List<String> recipients(List<String> to) {
    Set<String> seen = new HashSet<>();
    for (String address : to) {
      if (!ADDRESS.matcher(address).matches()) {
        throw new InvalidArgumentException("'" + address + "' is not an e-mail address");
      }
      if (!seen.add(address.toLowerCase(Locale.ROOT))) {
        throw new InvalidArgumentException("'" + address + "' appears more than once in 'to'");
      }
    }
    return to;
  }
}
