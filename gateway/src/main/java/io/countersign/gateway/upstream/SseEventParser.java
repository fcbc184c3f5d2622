package io.countersign.gateway.upstream;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns the lines of a {@code text/event-stream} body into events, following the WHATWG
 * event-stream interpretation: {@code data} lines are joined with newlines, a blank line
 * dispatches, comments (lines starting with a colon) are ignored, an event with no data is not
 * dispatched.
 */
final class SseEventParser {

  private final Consumer<SseEvent> sink;
  private final StringBuilder data = new StringBuilder();
  private String event = "";
  private String lastEventId;
  private boolean hasData;
  private Long retry;

  SseEventParser(Consumer<SseEvent> sink) {
    this.sink = sink;
  }

  synchronized void line(String line) {
    if (line.isEmpty()) {
      dispatch();
      return;
    }
    if (line.startsWith(":")) {
      return;
    }
    int colon = line.indexOf(':');
    String field = colon < 0 ? line : line.substring(0, colon);
    String value = colon < 0 ? "" : line.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    switch (field) {
      case "data" -> {
        if (hasData) {
          data.append('\n');
        }
        data.append(value);
        hasData = true;
      }
      case "event" -> event = value;
      case "id" -> {
        if (value.indexOf('\0') < 0) {
          lastEventId = value;
        }
      }
      case "retry" -> {
        if (!value.isEmpty() && value.length() < 10 && value.chars().allMatch(Character::isDigit)) {
          retry = Long.parseLong(value);
        }
      }
      default -> {
        // unknown fields are ignored, as the specification says
      }
    }
  }

  /** The last event id the stream set: where a reconnection resumes ({@code Last-Event-ID}). */
  synchronized Optional<String> lastEventId() {
    return Optional.ofNullable(lastEventId).filter(id -> !id.isEmpty());
  }

  /** The reconnection time the stream set with {@code retry}, in milliseconds. */
  synchronized Optional<Long> retry() {
    return Optional.ofNullable(retry);
  }

  /** End of stream: an event still being built is discarded, as the specification says. */
  synchronized void end() {
    data.setLength(0);
    hasData = false;
  }

  private void dispatch() {
    if (hasData) {
      String type = event.isEmpty() ? "message" : event;
      sink.accept(new SseEvent(type, data.toString(), Optional.ofNullable(lastEventId)));
    }
    data.setLength(0);
    hasData = false;
    event = "";
  }
}
