package io.countersign.web.mcp;

import io.countersign.gateway.resume.StreamConnection;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * An SSE connection on a suspended request, written from whichever thread has the next event: a
 * held call's stream, or a stream resumed by GET. The status and headers go out with the first
 * frame, so a request that ends up refused has written nothing. It writes only while the container
 * still lends it the response: once the request completes or fails (a client that went away), the
 * container recycles the response, every later write fails, and {@code gone} learns it ({@code
 * true} when the request failed).
 */
final class AsyncSseConnection implements StreamConnection, AsyncListener {

  private static final Logger LOG = Logger.getLogger(AsyncSseConnection.class.getName());

  private final AsyncContext context;
  private final HttpServletResponse response;
  private final Consumer<Boolean> gone;
  private boolean started;
  private boolean released;

  AsyncSseConnection(AsyncContext context, Consumer<Boolean> gone) {
    this.context = context;
    this.response = (HttpServletResponse) context.getResponse();
    this.gone = gone;
    context.addListener(this);
  }

  @Override
  public synchronized boolean write(String frame) {
    if (released) {
      return false;
    }
    try {
      if (!started) {
        started = true;
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
      }
      response.getOutputStream().write(frame.getBytes(StandardCharsets.UTF_8));
      response.flushBuffer();
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.fine("the client's stream is gone: " + e);
      return false;
    }
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

  @Override
  public void onTimeout(AsyncEvent event) {
    release(false);
  }

  @Override
  public void onStartAsync(AsyncEvent event) {
    // registered once, on the one asynchronous cycle of its request
  }
}
