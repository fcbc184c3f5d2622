package io.countersign.gateway.mcp;

import jakarta.json.JsonObject;
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

  /** An SSE stream ({@code text/event-stream}) relayed from an upstream. */
  record EventStream(RelayedStream stream) implements FrontReply {}
}
