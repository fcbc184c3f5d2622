package io.countersign.gateway.mcp;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.Optional;

/** What the MCP front answers over HTTP; the endpoint maps it, and only it knows status codes. */
public sealed interface FrontReply {

  /** 202 Accepted: a notification or response was taken. */
  record Accepted() implements FrontReply {}

  /** One JSON-RPC message as {@code application/json}; a new session's id when one was opened. */
  record Message(JsonObject message, Optional<String> sessionId) implements FrontReply {
    public Message(JsonObject message) {
      this(message, Optional.empty());
    }
  }

  /**
   * A held call: the agent waits for its outcome on an SSE stream that carries progress (when the
   * request has a progress token) and ends with the call's response, or with a "still awaiting
   * approval" result when the hold time runs out first. {@code modern}: the agent speaks
   * 2026-07-28, whose results carry {@code resultType}. {@code relatedTask}: the stream answers a
   * 2025-11-25 {@code tasks/result} of the call's task, whose result names it. {@code holdFor}: how
   * long to wait when not the configured hold time.
   */
  record Held(
      String tenantId,
      String heldCallId,
      JsonValue requestId,
      Optional<JsonValue> progressToken,
      boolean modern,
      Optional<String> relatedTask,
      Optional<Duration> holdFor)
      implements FrontReply {

    /** A held {@code tools/call}'s stream, waiting the configured hold time. */
    public Held(
        String tenantId,
        String heldCallId,
        JsonValue requestId,
        Optional<JsonValue> progressToken,
        boolean modern) {
      this(
          tenantId,
          heldCallId,
          requestId,
          progressToken,
          modern,
          Optional.empty(),
          Optional.empty());
    }
  }

  /** An SSE stream ({@code text/event-stream}) relayed from an upstream. */
  record EventStream(RelayedStream stream) implements FrontReply {}
}
