package io.countersign.web.mcp;

import io.countersign.gateway.hold.HeldCallStore;
import io.countersign.gateway.hold.HeldCallWaiters;
import io.countersign.gateway.hold.HeldOutcome;
import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.gateway.mcp.FrontReply;
import io.countersign.gateway.mcp.HeldCallTasks;
import io.countersign.gateway.mcp.ModernFront;
import jakarta.json.JsonObject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.container.AsyncResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The SSE answer to a held {@code tools/call}, without a thread of its own: the request is
 * suspended, and whoever learns that the call moved (a ping, a poll, another node's change) writes
 * the next event. Progress goes out as {@code notifications/progress} when the request carried a
 * progress token (MCP "Progress"), else as SSE comments. Between moves, an SSE comment every {@code
 * countersign.gateway.keep-alive} keeps proxies from closing the idle stream and finds a stream the
 * agent dropped, which then leaves at once instead of holding its socket until the outcome. The
 * stream ends with the call's response, or after the hold time with a result saying it still waits.
 *
 * <p>The stream writes to the servlet response only while the container still lends it: an {@link
 * AsyncListener} marks the stream done when the request completes or fails (a client that went
 * away), since the container then recycles the response for another request. The stream ends by
 * completing the servlet {@link AsyncContext} itself; JAX-RS is only asked for the hold-time timer.
 */
final class HeldStream implements HeldCallWaiters.Waiter, AsyncListener {

  private static final Logger LOG = Logger.getLogger(HeldStream.class.getName());

  private final FrontReply.Held held;
  private final AsyncContext context;
  private final HttpServletResponse response;
  private final AsyncResponse async;
  private final HeldCallWaiters waiters;
  private final HeldCallStore store;
  private final Runnable closedByAgent;
  private boolean done;
  private int progressCount;

  HeldStream(
      FrontReply.Held held,
      AsyncContext context,
      AsyncResponse async,
      HeldCallWaiters waiters,
      HeldCallStore store,
      Runnable closedByAgent) {
    this.held = held;
    this.context = context;
    this.response = (HttpServletResponse) context.getResponse();
    this.async = async;
    this.waiters = waiters;
    this.store = store;
    this.closedByAgent = closedByAgent;
  }

  /** Starts the stream and waits for the call's outcome for at most {@code holdTime}. */
  void open(Duration holdTime) {
    context.addListener(this);
    response.setStatus(200);
    response.setContentType("text/event-stream");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "no-cache");
    synchronized (this) {
      if (!write(": held for approval\n\n")) {
        gone();
        return;
      }
    }
    async.setTimeoutHandler(timedOut -> stillWaiting());
    async.setTimeout(Math.max(1, holdTime.toMillis()), TimeUnit.MILLISECONDS);
    waiters.add(held.tenantId(), held.heldCallId(), this);
  }

  @Override
  public synchronized void progress(String text) {
    if (done) {
      return;
    }
    boolean written;
    if (held.progressToken().isPresent()) {
      JsonObject notification =
          Jsonp.createObjectBuilder()
              .add("jsonrpc", "2.0")
              .add("method", "notifications/progress")
              .add(
                  "params",
                  Jsonp.createObjectBuilder()
                      .add("progressToken", held.progressToken().get())
                      .add("progress", ++progressCount)
                      .add("message", text))
              .build();
      written = write(event(notification));
    } else {
      written = write(": " + text.replace('\n', ' ') + "\n\n");
    }
    if (!written) {
      gone();
    }
  }

  @Override
  public synchronized boolean finish(HeldOutcome outcome) {
    if (done) {
      return false;
    }
    boolean written = write(event(response(outcome)));
    end();
    return written;
  }

  @Override
  public synchronized void keepAlive() {
    if (!done && !write(": waiting\n\n")) {
      gone();
    }
  }

  /** The hold time ran out: the agent is told to call again, which joins the same approval. */
  private void stillWaiting() {
    // an outcome reached meanwhile goes out as the answer instead
    waiters.changed(held.tenantId(), held.heldCallId());
    var call = store.find(held.tenantId(), held.heldCallId());
    synchronized (this) {
      if (done) {
        return;
      }
      call.ifPresent(c -> write(event(response(HeldOutcome.stillWaiting(c, c.progress())))));
      end();
    }
  }

  /**
   * The call's response, with {@code resultType} for a 2026-07-28 agent, or naming the task whose
   * {@code tasks/result} waited.
   */
  private JsonObject response(HeldOutcome outcome) {
    JsonObject response = outcome.toResponse(held.requestId());
    if (held.relatedTask().isPresent()) {
      return HeldCallTasks.relatedTo(response, held.relatedTask().get());
    }
    return held.modern() ? ModernFront.complete(response, false) : response;
  }

  private void end() {
    done = true;
    waiters.remove(held.heldCallId(), this);
    try {
      context.complete();
    } catch (IllegalStateException e) {
      LOG.fine("held call " + held.heldCallId() + ": the request was already complete");
    }
  }

  /** The agent went away: a 2026-07-28 agent thereby cancels the call. */
  private void gone() {
    end();
    if (held.modern()) {
      closedByAgent.run();
    }
  }

  /** The container let go of the request: nothing may be written to its response any more. */
  private synchronized boolean released() {
    boolean open = !done;
    done = true;
    waiters.remove(held.heldCallId(), this);
    return open;
  }

  @Override
  public void onComplete(AsyncEvent event) {
    released();
  }

  @Override
  public void onError(AsyncEvent event) {
    if (released() && held.modern()) {
      closedByAgent.run();
    }
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    released();
  }

  @Override
  public void onStartAsync(AsyncEvent event) {
    // the stream is registered once, on the one asynchronous cycle of its request
  }

  private boolean write(String text) {
    try {
      response.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
      response.flushBuffer();
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.fine("held call " + held.heldCallId() + ": the agent's stream is gone: " + e);
      return false;
    }
  }

  private static String event(JsonObject message) {
    return "event: message\ndata: " + message + "\n\n";
  }
}
