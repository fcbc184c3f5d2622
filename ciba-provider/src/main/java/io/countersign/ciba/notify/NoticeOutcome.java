package io.countersign.ciba.notify;

/** What became of one attempt to send a notice. Reasons never hold a token, secret or address. */
public sealed interface NoticeOutcome {

  /** Accepted by the push service, the SMTP server or the webhook. */
  record Sent() implements NoticeOutcome {}

  /** Not sent, and never will be: nothing to send it to, or no longer useful. */
  record Skipped(String reason) implements NoticeOutcome {}

  /** The attempt failed; {@code retryable} says whether trying again later can help. */
  record Failed(String reason, boolean retryable) implements NoticeOutcome {}
}
