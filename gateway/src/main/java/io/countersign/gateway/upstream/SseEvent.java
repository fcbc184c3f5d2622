package io.countersign.gateway.upstream;

import java.util.Optional;

/** One server-sent event (WHATWG HTML, "Server-sent events"): its type, data and id. */
public record SseEvent(String event, String data, Optional<String> id) {

  public boolean isMessage() {
    return "message".equals(event);
  }
}
