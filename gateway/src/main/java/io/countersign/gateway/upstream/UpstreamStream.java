package io.countersign.gateway.upstream;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The SSE body of an upstream's answer, read event by event. Lines are pushed by the HTTP client;
 * the reader waits at most an idle timeout for the next event, so a stalled upstream cannot hold a
 * gateway thread forever. An upstream that closes the connection before the stream is done, having
 * given it an event id (MCP 2025-11-25 polling, SEP-1699), is resumed: after its {@code retry} time
 * the gateway GETs the stream again with {@code Last-Event-ID} and reads on, as a client "SHOULD
 * then poll the SSE stream by attempting to reconnect".
 */
public final class UpstreamStream implements AutoCloseable {

  /** What the reader gets next: an event, the end of the stream, or a timeout. */
  public sealed interface Next {}

  public record Event(SseEvent event) implements Next {}

  public record End(String reason) implements Next {}

  public record IdleTimeout() implements Next {}

  /** Reconnects to the upstream's stream after {@code lastEventId}, feeding the same stream. */
  @FunctionalInterface
  interface Resumer {
    void resume(String lastEventId, UpstreamStream into);
  }

  private static final End COMPLETE = new End("complete");
  private static final long DEFAULT_RETRY_MS = 1_000;
  private static final long MAX_RETRY_MS = 10_000;
  private static final int MAX_RESUMPTIONS = 100;
  private static final Duration END_GRACE = Duration.ofMillis(50);
  private static final int MAX_EVENTS_AFTER_RESPONSE = 16;

  /**
   * Waits out the upstream's {@code retry} time before a resumption. One daemon thread for the
   * node; what it runs is short (it starts an asynchronous request, or ends the stream). Cancelled
   * timers leave its queue at once.
   */
  private static final ScheduledThreadPoolExecutor RESUMPTIONS = resumptionTimer();

  private final BlockingQueue<Next> queue = new LinkedBlockingQueue<>();
  private final SseEventParser parser = new SseEventParser(e -> queue.add(new Event(e)));
  private final Optional<Resumer> resumer;
  private volatile Flow.Subscription subscription;
  private volatile boolean closed;

  /**
   * The connection ended and a resumption is scheduled: nothing is left to wait for or cancel, and
   * a reader that lets go cancels the timer.
   */
  private volatile ScheduledFuture<?> awaitingResumption;

  private int resumptions;

  UpstreamStream(Optional<Resumer> resumer) {
    this.resumer = resumer;
  }

  private UpstreamStream() {
    this(Optional.empty());
  }

  /** A subscriber for one connection's body; a resumed stream gets one per connection. */
  BodySubscriber<Void> subscriber() {
    return BodySubscribers.fromLineSubscriber(
        new Flow.Subscriber<String>() {
          @Override
          public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (closed) {
              s.cancel(); // a resumption that arrived after the reader let go
              return;
            }
            s.request(Long.MAX_VALUE);
          }

          @Override
          public void onNext(String line) {
            parser.line(line);
          }

          @Override
          public void onError(Throwable error) {
            parser.end();
            ended(new End("broken: " + error.getClass().getSimpleName()));
          }

          @Override
          public void onComplete() {
            parser.end();
            ended(COMPLETE);
          }
        });
  }

  /**
   * A stream the gateway writes itself, {@link #push event} by event: the messages it sends a
   * client before (or instead of) an upstream's, relayed like an upstream's stream.
   */
  public static UpstreamStream local() {
    return new UpstreamStream();
  }

  /** Adds a message event to a {@link #local} stream. */
  public void push(String data) {
    queue.add(new Event(new SseEvent("message", data, java.util.Optional.empty())));
  }

  /** Ends a {@link #local} stream. */
  public void end(String reason) {
    queue.add(new End(reason));
  }

  /**
   * A connection ended. While the reader still reads and the stream has an event id, the stream is
   * resumed after the upstream's {@code retry} time (at most {@value #MAX_RETRY_MS} ms); else the
   * reader learns the end.
   */
  private void ended(End end) {
    Optional<String> lastEventId = parser.lastEventId();
    if (closed || resumer.isEmpty() || lastEventId.isEmpty() || ++resumptions > MAX_RESUMPTIONS) {
      queue.add(end);
      return;
    }
    long delay = Math.min(MAX_RETRY_MS, parser.retry().orElse(DEFAULT_RETRY_MS));
    awaitingResumption =
        RESUMPTIONS.schedule(
            () -> {
              awaitingResumption = null;
              if (closed) {
                queue.add(end);
              } else {
                // off the timer's thread: the outbound check may resolve the upstream's name
                CompletableFuture.runAsync(() -> resumer.get().resume(lastEventId.get(), this));
              }
            },
            delay,
            TimeUnit.MILLISECONDS);
    if (closed && awaitingResumption.cancel(false)) {
      // the reader let go while the timer was being set: it may be waiting for the end
      queue.add(end);
    }
  }

  /** Waits up to {@code idle} for the next event. */
  public Next next(Duration idle) {
    try {
      Next next = queue.poll(idle.toMillis(), TimeUnit.MILLISECONDS);
      return next == null ? new IdleTimeout() : next;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new End("interrupted");
    }
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

  /**
   * Closes the stream. After the response the upstream ends the stream (Streamable HTTP: "the
   * server SHOULD close the SSE stream"); waiting a moment for that end lets the HTTP client keep
   * the connection for the next call, where cancelling would close it.
   */
  @Override
  public void close() {
    closed = true;
    ScheduledFuture<?> resumption = awaitingResumption;
    if (resumption != null && resumption.cancel(false)) {
      // the upstream already closed its connection (after the response, as servers that number
      // their events do): waiting END_GRACE for an end that only the resumption timer would
      // report cost every relayed call 50 ms, and the timer itself is not needed any more
      return;
    }
    Next next = next(END_GRACE);
    for (int skipped = 0; next instanceof Event && skipped < MAX_EVENTS_AFTER_RESPONSE; skipped++) {
      next = next(END_GRACE);
    }
    if (!(next instanceof End)) {
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
    }
  }

  /** How many resumption timers wait on this node. */
  static int pendingResumptions() {
    return RESUMPTIONS.getQueue().size();
  }

  private static ScheduledThreadPoolExecutor resumptionTimer() {
    var timer =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "countersign-upstream-resumptions");
              thread.setDaemon(true);
              return thread;
            });
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }
}
