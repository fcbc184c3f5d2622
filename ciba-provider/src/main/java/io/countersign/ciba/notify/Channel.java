package io.countersign.ciba.notify;

import java.util.Locale;

/** How a notice travels. */
public enum Channel {
  /** FCM HTTP v1 to each of the approver's enrolled devices. */
  PUSH,
  /** SMTP to the approver's address. */
  EMAIL,
  /** One signed POST per event to the tenant's webhook (chat bridges). */
  WEBHOOK;

  /** How the outbox and the metrics name it. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Channel of(String word) {
    return valueOf(word.toUpperCase(Locale.ROOT));
  }
}
