package io.countersign.gateway.upstream;

import io.countersign.gateway.upstream.UpstreamStream.End;
import io.countersign.gateway.upstream.UpstreamStream.Event;
import io.countersign.gateway.upstream.UpstreamStream.IdleTimeout;
import io.countersign.gateway.upstream.UpstreamStream.Next;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An upstream's SSE body, read on the reader's own thread: the reader asks for the next event and
 * the connection is read until one is complete, for at most the time the reader waits. A wait that
 * runs out leaves the connection and what it has half-read as they were; the next call goes on.
 *
 * <p>An upstream that ends its connection before the stream is done, having given the stream an
 * event id (MCP 2025-11-25 polling, SEP-1699), is resumed: after its {@code retry} time the reader
 * GETs the stream again with {@code Last-Event-ID} and reads on, as a client "SHOULD then poll the
 * SSE stream by attempting to reconnect". The reconnection happens within the reader's own call.
 *
 * <p>One reader at a time, as {@link UpstreamStream} says.
 */
final class PulledEvents implements UpstreamStream.Source {

  /** Reconnects to the upstream's stream after {@code lastEventId}. */
  @FunctionalInterface
  interface Resumer {
    Resumption resume(String lastEventId);
  }

  /** What a reconnection gave: the stream again, or why not. */
  sealed interface Resumption {
    record Reconnected(UpstreamHttp.Response response) implements Resumption {}

    record Refused(String reason) implements Resumption {}
  }

  /** The longest line an upstream may send: a message of 16 MiB in one {@code data} line. */
  static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

  private static final End COMPLETE = new End("complete");
  private static final IdleTimeout IDLE = new IdleTimeout();
  private static final long DEFAULT_RETRY_MS = 1_000;
  private static final long MAX_RETRY_MS = 10_000;
  private static final int MAX_RESUMPTIONS = 100;
  private static final Duration END_GRACE = Duration.ofMillis(50);
  private static final int MAX_EVENTS_AFTER_RESPONSE = 16;

  private final Optional<Resumer> resumer;
  private final ArrayDeque<Next> ready = new ArrayDeque<>();
  private final SseEventParser parser = new SseEventParser(e -> ready.add(new Event(e)));
  private final SseLines lines = new SseLines(parser::line, MAX_LINE_BYTES);
  private final byte[] buffer = new byte[8192];

  /** The connection being read; none while a resumption is due, or once the stream ended. */
  private UpstreamHttp.Response body;

  /** How the stream ended, once it has; every later read gets it again. */
  private End ended;

  /** When the due resumption is made, in {@link System#nanoTime()}. */
  private long resumeAt;

  private int resumptions;
  private boolean closed;

  PulledEvents(UpstreamHttp.Response body, Optional<Resumer> resumer) {
    this.body = body;
    this.resumer = resumer;
  }

  /**
   * The next event, or the end. Waits until {@code idle} has passed at most, however the upstream
   * trickles bytes that complete no event (comments, a line that never ends): the connection is
   * read once in any case, and then only while time is left.
   */
  @Override
  public Next next(Duration idle) {
    long deadline = System.nanoTime() + idle.toNanos();
    boolean first = true;
    while (true) {
      Next next = ready.poll();
      if (next != null) {
        return next;
      }
      if (ended != null) {
        return ended;
      }
      if (body == null) {
        if (!awaitResumption(deadline)) {
          return IDLE;
        }
      } else if (!read(deadline, first)) {
        return IDLE;
      }
      first = false;
    }
  }

  /**
   * Reads what the connection has, waiting until {@code deadline} at most: false if nothing came,
   * or if the deadline has passed and this is not the {@code first} read of the wait.
   */
  private boolean read(long deadline, boolean first) {
    long left = deadline - System.nanoTime();
    if (left <= 0 && !first) {
      return false;
    }
    try {
      body.readWithin(Duration.ofNanos(Math.max(0, left)));
      int read = body.body().read(buffer);
      if (read < 0) {
        body.release(); // the body is complete: the connection carries the next request
        bodyEnded(COMPLETE);
      } else if (!lines.feed(buffer, read)) {
        body.abort();
        body = null;
        ended = new End("broken: a line longer than " + MAX_LINE_BYTES + " bytes");
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      body.abort();
      bodyEnded(new End("broken: " + e.getClass().getSimpleName()));
      return true;
    }
  }

  /**
   * A connection ended. While the reader still reads and the stream has an event id, a resumption
   * is due after the upstream's {@code retry} time (at most {@value #MAX_RETRY_MS} ms); else the
   * stream has ended.
   */
  private void bodyEnded(End end) {
    body = null;
    lines.end();
    parser.end();
    if (closed
        || resumer.isEmpty()
        || parser.lastEventId().isEmpty()
        || ++resumptions > MAX_RESUMPTIONS) {
      ended = end;
      return;
    }
    long retry = Math.min(MAX_RETRY_MS, parser.retry().orElse(DEFAULT_RETRY_MS));
    resumeAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(retry);
  }

  /** Waits for the due resumption and makes it, if it falls before {@code deadline}. */
  private boolean awaitResumption(long deadline) {
    boolean due = deadline - resumeAt >= 0;
    try {
      TimeUnit.NANOSECONDS.sleep((due ? resumeAt : deadline) - System.nanoTime());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ended = new End("interrupted");
      return true;
    }
    if (!due) {
      return false;
    }
    Resumption resumption = resumer.orElseThrow().resume(parser.lastEventId().orElseThrow());
    if (resumption instanceof Resumption.Reconnected reconnected) {
      body = reconnected.response();
    } else {
      ended = new End(((Resumption.Refused) resumption).reason());
    }
    return true;
  }

  /**
   * Lets go of the stream. After the response the upstream ends the stream (Streamable HTTP: "the
   * server SHOULD close the SSE stream"); reading on for a moment until that end lets the
   * connection carry the next call, where closing it at once would cost a new connection. A
   * resumption that is due is not made.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    long deadline = System.nanoTime() + END_GRACE.toNanos();
    int skipped = 0;
    while (body != null && skipped <= MAX_EVENTS_AFTER_RESPONSE) {
      skipped += ready.size();
      ready.clear();
      if (!read(deadline, false)) {
        break;
      }
    }
    if (body != null) {
      body.abort();
      body = null;
    }
  }
}
