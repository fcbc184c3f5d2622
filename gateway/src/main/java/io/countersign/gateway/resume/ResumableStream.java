package io.countersign.gateway.resume;

import io.countersign.gateway.mcp.RelayedStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * One SSE stream of a session (the answer to a POST), its message events numbered and kept, so that
 * a client whose connection dropped can resume it with GET and {@code Last-Event-ID} and get
 * exactly what it missed, then the rest live (Streamable HTTP 2025-11-25, "Resumability and
 * Redelivery"). The producer (a relayed upstream stream, a held call) writes here whether or not a
 * connection is attached; a write that fails detaches the connection, never the producer. At most
 * {@code maxEvents} are kept; older ones are dropped and a resumption from before them is refused.
 */
public final class ResumableStream {

  /** A kept message event; {@code onDelivered} runs the first time it reaches a connection. */
  private static final class Kept {
    final long sequence;
    final String frame;
    private Runnable onDelivered;

    Kept(long sequence, String frame, Runnable onDelivered) {
      this.sequence = sequence;
      this.frame = frame;
      this.onDelivered = onDelivered;
    }

    void delivered() {
      Runnable once = onDelivered;
      onDelivered = null;
      if (once != null) {
        once.run();
      }
    }
  }

  private final StreamAddress address;
  private final String sealedAddress;
  private final int maxEvents;
  private final Duration retry;
  private final Clock clock;
  private final Deque<Kept> kept = new ArrayDeque<>();
  private long lastSequence;
  private Optional<StreamConnection> live = Optional.empty();
  private boolean ended;
  private Instant touched;

  ResumableStream(
      StreamAddress address, String sealedAddress, int maxEvents, Duration retry, Clock clock) {
    this.address = address;
    this.sealedAddress = sealedAddress;
    this.maxEvents = maxEvents;
    this.retry = retry;
    this.clock = clock;
    this.touched = clock.instant();
  }

  /**
   * Attaches the stream's first connection and writes the priming event ("an SSE event consisting
   * of an event ID and an empty data field"), with the {@code retry} the client waits before it
   * reconnects.
   */
  public synchronized boolean open(StreamConnection connection) {
    live = Optional.of(connection);
    return writeLive(
        "id: " + new EventId(sealedAddress, 0) + "\nretry: " + retry.toMillis() + "\ndata: \n\n");
  }

  /** A message event, kept and written to the connection if one is attached. */
  public boolean send(String data) {
    return send(data, () -> {});
  }

  /**
   * A message event; {@code onDelivered} runs once, when the event first reaches a connection (now,
   * or when a client resumes). Returns whether it reached the client now.
   */
  public synchronized boolean send(String data, Runnable onDelivered) {
    long sequence = ++lastSequence;
    String frame = "id: " + new EventId(sealedAddress, sequence) + "\n" + RelayedStream.frame(data);
    Kept event = new Kept(sequence, frame, onDelivered);
    kept.addLast(event);
    while (kept.size() > maxEvents) {
      kept.removeFirst();
    }
    touched = clock.instant();
    boolean written = writeLive(event.frame);
    if (written) {
      event.delivered();
    }
    return written;
  }

  /** An SSE comment (a sign of life), written live only: comments are never replayed. */
  public synchronized boolean comment(String text) {
    return writeLive(": " + text.replace('\n', ' ').replace('\r', ' ') + "\n\n");
  }

  /** The stream's last message was sent: its connection ends; its events are kept a while. */
  public synchronized void end() {
    ended = true;
    touched = clock.instant();
    live.ifPresent(StreamConnection::end);
    live = Optional.empty();
  }

  /** Whether the stream ended (its final response was sent, to a connection or to the store). */
  public synchronized boolean ended() {
    return ended;
  }

  /** This connection went away (the container says so): the stream waits for a resumption. */
  public synchronized void detach(StreamConnection connection) {
    if (live.filter(c -> c == connection).isPresent()) {
      live = Optional.empty();
      touched = clock.instant();
    }
  }

  /**
   * Resumes the stream on {@code connection} after the event numbered {@code after}: the events
   * after it are written, then the stream goes on there live (or the connection ends at once if the
   * stream has ended). A connection still attached is ended: a stream has one connection at a time.
   */
  synchronized Resumption resume(long after, StreamConnection connection) {
    if (after > lastSequence) {
      return new Resumption.Refused(
          Resumption.Reason.INVALID, "Last-Event-ID names an event this stream has not sent");
    }
    long firstKept = kept.isEmpty() ? lastSequence + 1 : kept.getFirst().sequence;
    if (after + 1 < firstKept) {
      return new Resumption.Refused(
          Resumption.Reason.GONE,
          "the events after this Last-Event-ID are no longer kept (at most "
              + maxEvents
              + " per stream)");
    }
    live.ifPresent(StreamConnection::end);
    live = Optional.of(connection);
    touched = clock.instant();
    if (!writeLive("retry: " + retry.toMillis() + "\n\n")) {
      return new Resumption.Resumed();
    }
    for (Kept event : kept) {
      if (event.sequence > after) {
        if (!writeLive(event.frame)) {
          return new Resumption.Resumed();
        }
        event.delivered();
      }
    }
    if (ended) {
      connection.end();
      live = Optional.empty();
    }
    return new Resumption.Resumed();
  }

  /** Whether nothing may resume it any more: no connection and nothing sent for {@code keep}. */
  synchronized boolean expired(Instant now, Duration keep) {
    return live.isEmpty() && touched.plus(keep).isBefore(now);
  }

  synchronized Instant touched() {
    return touched;
  }

  synchronized boolean connected() {
    return live.isPresent();
  }

  StreamAddress address() {
    return address;
  }

  /** Ends the connection without ending the stream (the session ended, the node stops). */
  synchronized void release() {
    live.ifPresent(StreamConnection::end);
    live = Optional.empty();
  }

  private boolean writeLive(String frame) {
    if (live.isEmpty()) {
      return false;
    }
    if (live.get().write(frame)) {
      return true;
    }
    live = Optional.empty();
    touched = clock.instant();
    return false;
  }
}
