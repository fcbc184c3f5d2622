package io.countersign.gateway.upstream;

import java.util.Optional;

/** One server-sent event (WHATWG HTML, "Server-sent events"): its type, data and id. */
public record SseEvent(String event, String data, Optional<String> id) {

  /**
   * Whether this event carries a JSON-RPC message. A priming event (Streamable HTTP 2025-11-25: an
   * event id with empty data, sent so a client can resume) carries none.
   */
  public boolean carriesMessage() {
    return "message".equals(event) && !data.isBlank();
  }
}
