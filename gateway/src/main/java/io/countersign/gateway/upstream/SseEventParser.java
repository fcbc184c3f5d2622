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

  SseEventParser(Consumer<SseEvent> sink) {
    this.sink = sink;
  }

  void line(String line) {
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
      default -> {
        // "retry" and unknown fields do not change what the gateway relays.
      }
    }
  }

  /** End of stream: an event still being built is discarded, as the specification says. */
  void end() {
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
