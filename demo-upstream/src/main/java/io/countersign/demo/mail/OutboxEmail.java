package io.countersign.demo.mail;

import java.util.List;

/** One e-mail as recorded in the outbox: the same message to each recipient. */
public record OutboxEmail(String messageId, List<String> recipients, String subject, String body) {

  public OutboxEmail {
    recipients = List.copyOf(recipients);
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("An e-mail needs at least one recipient");
    }
  }
}
