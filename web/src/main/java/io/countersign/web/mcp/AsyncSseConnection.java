package io.countersign.web.mcp;

import io.countersign.gateway.resume.StreamConnection;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * An SSE connection on an asynchronous request, written from whichever thread has the next event: a
 * held call's stream, or a stream resumed by GET. It writes only while the container still lends it
 * the response: once the request completes or fails (a client that went away), the container
 * recycles the response, every later write fails, and {@code gone} learns it ({@code true} when the
 * request failed). When the request's time runs out, {@code timedOut} may write a last frame; then
 * the request completes.
 */
final class AsyncSseConnection implements StreamConnection, AsyncListener {

  private static final Logger LOG = Logger.getLogger(AsyncSseConnection.class.getName());

  private final AsyncContext context;
  private final OutputConnection output;
  private final Consumer<Boolean> gone;
  private final Runnable timedOut;
  private boolean released;

  /**
   * Listens to {@code context}, which ends after {@code timeout} unless the connection ends first.
   */
  AsyncSseConnection(
      AsyncContext context, Duration timeout, Runnable timedOut, Consumer<Boolean> gone) {
    this.context = context;
    this.output = new OutputConnection((HttpServletResponse) context.getResponse());
    this.timedOut = timedOut;
    this.gone = gone;
    context.setTimeout(Math.max(1, timeout.toMillis()));
    context.addListener(this);
  }

  @Override
  public synchronized boolean write(String frame) {
    return !released && output.write(frame);
  }

  @Override
  public void end() {
    synchronized (this) {
      if (released) {
        return;
      }
      released = true;
    }
    try {
      context.complete();
    } catch (IllegalStateException e) {
      LOG.fine("the request was already complete");
    }
  }

  /** The container let go of the request: nothing may be written to its response any more. */
  private void release(boolean failed) {
    synchronized (this) {
      if (released) {
        return;
      }
      released = true;
    }
    gone.accept(failed);
  }

  @Override
  public void onComplete(AsyncEvent event) {
    release(false);
  }

  @Override
  public void onError(AsyncEvent event) {
    release(true);
  }

  /**
   * The request's time ran out: its last frame, then the request completes here, so the container
   * does not answer it with an error of its own.
   */
  @Override
  public void onTimeout(AsyncEvent event) {
    timedOut.run();
    end();
  }

  @Override
  public void onStartAsync(AsyncEvent event) {
    // registered once, on the one asynchronous cycle of its request
  }
}
