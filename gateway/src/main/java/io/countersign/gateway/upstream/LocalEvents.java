package io.countersign.gateway.upstream;

import io.countersign.gateway.upstream.UpstreamStream.End;
import io.countersign.gateway.upstream.UpstreamStream.Event;
import io.countersign.gateway.upstream.UpstreamStream.IdleTimeout;
import io.countersign.gateway.upstream.UpstreamStream.Next;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The events of a stream the gateway writes itself, pushed from any thread. */
final class LocalEvents implements UpstreamStream.Source {

  private final BlockingQueue<Next> queue = new LinkedBlockingQueue<>();

  void push(String data) {
    queue.add(new Event(new SseEvent("message", data, Optional.empty())));
  }

  void end(String reason) {
    queue.add(new End(reason));
  }

  @Override
  public Next next(Duration idle) {
    try {
      Next next = queue.poll(idle.toMillis(), TimeUnit.MILLISECONDS);
      return next == null ? new IdleTimeout() : next;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new End("interrupted");
    }
  }

  @Override
  public void close() {
    // nothing is held: what the gateway still pushes is dropped with the stream
  }
}
