package io.countersign.gateway.resume;

import java.util.Optional;

/**
 * An SSE event id as the gateway writes it, {@code <sealed stream address>.<sequence>}: globally
 * unique within the session, and naming its stream, as "Resumability and Redelivery" asks ("Event
 * IDs SHOULD encode sufficient information to identify the originating stream"). Sequence 0 is the
 * stream's priming event; each message event takes the next number.
 */
record EventId(String stream, long sequence) {

  /** A {@code Last-Event-ID} longer than this is not read. */
  static final int MAX_CHARS = StreamAddress.MAX_SEALED_CHARS + 20;

  @Override
  public String toString() {
    return stream + "." + sequence;
  }

  /** The id in a {@code Last-Event-ID} header; empty when it does not have the gateway's form. */
  static Optional<EventId> parse(String text) {
    if (text == null || text.length() > MAX_CHARS) {
      return Optional.empty();
    }
    int dot = text.lastIndexOf('.');
    if (dot <= 0 || dot == text.length() - 1) {
      return Optional.empty();
    }
    String digits = text.substring(dot + 1);
    if (digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    return Optional.of(new EventId(text.substring(0, dot), Long.parseLong(digits)));
  }
}
