package io.countersign.ciba.notify;

import java.time.Duration;
import java.time.Instant;

/**
 * The text of a notice e-mail: the summary, risk, time left, binding code and a link that opens the
 * request in the approver app. The subject is one line: the summary may be partly written by an
 * agent, so line breaks (header injection) and other control characters never reach it.
 */
final class ApproverMail {

  static final int SUBJECT_SUMMARY_LENGTH = 100;

  private ApproverMail() {}

  static String subject(ApproverNotice notice) {
    return "[Countersign] "
        + notice.kind().title()
        + ": "
        + notice.summaryLine(SUBJECT_SUMMARY_LENGTH);
  }

  static String body(ApproverNotice notice, String publicUrl, Instant now) {
    StringBuilder text = new StringBuilder();
    text.append(lead(notice)).append(" in tenant ").append(notice.tenant()).append(".\n\n");
    text.append("  ").append(notice.summary().replaceAll("\\R", "\n  ")).append("\n\n");
    text.append("Risk: ").append(notice.risk()).append('\n');
    text.append("Time left: ")
        .append(describe(notice.timeLeft(now)))
        .append(" (until ")
        .append(notice.expiresAt())
        .append(")\n");
    notice
        .bindingCode()
        .ifPresent(
            code ->
                text.append("Binding code: ")
                    .append(code)
                    .append(" (the person who asked sees the same code)\n"));
    text.append("\nOpen the request: ").append(publicUrl).append(notice.path()).append("\n\n");
    text.append(
        "The link only opens the approver app: to decide you sign in there as usual."
            + " Countersign never asks for your password or a code by e-mail.\n");
    return text.toString();
  }

  private static String lead(ApproverNotice notice) {
    return switch (notice.kind()) {
      case REQUESTED -> "A tool call waits for your approval";
      case REMINDER -> "Reminder: a tool call still waits for your approval";
      case ESCALATED -> "Escalated: a tool call waits for approval and you were added";
    };
  }

  static String describe(Duration left) {
    long minutes = left.toMinutes();
    if (minutes < 1) {
      return "less than a minute";
    }
    if (minutes < 120) {
      return minutes + (minutes == 1 ? " minute" : " minutes");
    }
    return left.toHours() + " hours";
  }
}
