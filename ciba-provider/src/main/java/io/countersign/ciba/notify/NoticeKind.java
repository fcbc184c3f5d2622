package io.countersign.ciba.notify;

import java.util.Arrays;
import java.util.Locale;

/** Why approvers are told: a new request, a reminder, an escalation step. */
public enum NoticeKind {
  REQUESTED("approval.requested", "Approval needed"),
  REMINDER("approval.reminder", "Reminder: approval needed"),
  ESCALATED("approval.escalated", "Escalated: approval needed");

  private final String type;
  private final String title;

  NoticeKind(String type, String title) {
    this.type = type;
    this.title = title;
  }

  /** The webhook's {@code type}, e.g. {@code approval.requested}. */
  public String type() {
    return type;
  }

  /** The title of a push and the start of an e-mail's subject. */
  public String title() {
    return title;
  }

  /** How the outbox names it: {@code requested}, {@code reminder}, {@code escalated}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  static NoticeKind of(String word) {
    return Arrays.stream(values())
        .filter(k -> k.word().equals(word))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no notice kind " + word));
  }
}
