package io.countersign.gateway.upstream;

import jakarta.json.JsonObject;
import java.time.Duration;

/**
 * A stream of JSON-RPC messages to relay or consume, event by event: an upstream's SSE answer
 * ({@link PulledEvents}, read on the reader's thread) or a stream the gateway writes itself ({@link
 * #local}). The reader waits at most an idle timeout for each next event, so a stalled upstream
 * cannot hold a gateway thread forever. One reader at a time reads a stream and closes it.
 */
public final class UpstreamStream implements AutoCloseable {

  /** What the reader gets next: an event, the end of the stream, or a timeout. */
  public sealed interface Next {}

  public record Event(SseEvent event) implements Next {}

  public record End(String reason) implements Next {}

  public record IdleTimeout() implements Next {}

  /** Where a stream's events come from. */
  interface Source {
    /** Waits up to {@code idle} for the next event. */
    Next next(Duration idle);

    /** Lets go of whatever the source holds. */
    void close();
  }

  private final Source source;

  UpstreamStream(Source source) {
    this.source = source;
  }

  /**
   * A stream the gateway writes itself, {@link #push event} by event: the messages it sends a
   * client before (or instead of) an upstream's, relayed like an upstream's stream.
   */
  public static UpstreamStream local() {
    return new UpstreamStream(new LocalEvents());
  }

  /** Adds a message event to a {@link #local} stream. */
  public void push(String data) {
    localEvents().push(data);
  }

  /** Ends a {@link #local} stream. */
  public void end(String reason) {
    localEvents().end(reason);
  }

  private LocalEvents localEvents() {
    if (source instanceof LocalEvents local) {
      return local;
    }
    throw new IllegalStateException("only the gateway's own streams are written to");
  }

  /** Waits up to {@code idle} for the next event. */
  public Next next(Duration idle) {
    return source.next(idle);
  }

  /**
   * Reads events until the JSON-RPC response whose id equals {@code id}, skipping notifications and
   * server requests. Used where the gateway itself consumes an upstream answer (initialize, lists).
   */
  public UpstreamReply awaitResponse(jakarta.json.JsonValue id, Duration idle) {
    try (this) {
      while (true) {
        Next next = next(idle);
        if (next instanceof IdleTimeout) {
          return failed(
              UpstreamFailure.Kind.TIMEOUT, "no response within " + idle.toMillis() + " ms");
        }
        if (next instanceof End end) {
          return failed(
              UpstreamFailure.Kind.MALFORMED,
              "stream ended without a response (" + end.reason() + ")");
        }
        SseEvent event = ((Event) next).event();
        if (!event.carriesMessage()) {
          continue;
        }
        var parsed = UpstreamMessages.parse(event.data());
        if (parsed.isEmpty()) {
          return failed(UpstreamFailure.Kind.MALFORMED, "an SSE event is not a JSON-RPC message");
        }
        JsonObject message = parsed.get();
        if (id.equals(message.get("id")) && !message.containsKey("method")) {
          return new UpstreamReply.Json(message);
        }
      }
    }
  }

  private static UpstreamReply failed(UpstreamFailure.Kind kind, String detail) {
    return new UpstreamReply.Failed(new UpstreamFailure(kind, detail));
  }

  /** Closes the stream; an upstream's connection is kept for the next call where it can be. */
  @Override
  public void close() {
    source.close();
  }
}
