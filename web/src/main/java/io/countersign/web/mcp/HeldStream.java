package io.countersign.web.mcp;

import io.countersign.gateway.hold.HeldCallStore;
import io.countersign.gateway.hold.HeldCallWaiters;
import io.countersign.gateway.hold.HeldOutcome;
import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.gateway.mcp.FrontReply;
import io.countersign.gateway.mcp.HeldCallTasks;
import io.countersign.gateway.mcp.ModernFront;
import io.countersign.gateway.resume.ResumableStream;
import jakarta.json.JsonObject;
import jakarta.servlet.AsyncContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The SSE answer to a held {@code tools/call}, without a thread of its own: the request is
 * asynchronous, and whoever learns that the call moved (a ping, a poll, another node's change)
 * writes the next event. Progress goes out as {@code notifications/progress} when the request
 * carried a progress token (MCP "Progress"), else as SSE comments. Between moves, an SSE comment
 * every {@code countersign.gateway.keep-alive} keeps proxies from closing the idle stream and finds
 * a stream the agent dropped. The stream ends with the call's response, or after the hold time with
 * a result saying it still waits.
 *
 * <p>A dropped stream of a 2025-11-25 session is resumable ({@link ResumableStream}): the call goes
 * on waiting, its progress and outcome are kept, and the agent's GET with {@code Last-Event-ID}
 * gets them (a disconnection is not a cancellation). Without resumability a dropped stream leaves
 * at once instead of holding its socket until the outcome, and a 2026-07-28 agent thereby cancels
 * the call.
 */
final class HeldStream implements HeldCallWaiters.Waiter {

  private final FrontReply.Held held;
  private final AsyncSseConnection connection;
  private final Optional<ResumableStream> resumable;
  private final Duration holdTime;
  private final HeldCallWaiters waiters;
  private final HeldCallStore store;
  private final Runnable closedByAgent;
  private Instant deadline = Instant.MAX;
  private boolean done;
  private int progressCount;

  HeldStream(
      FrontReply.Held held,
      AsyncContext context,
      Optional<ResumableStream> resumable,
      Duration holdTime,
      HeldCallWaiters waiters,
      HeldCallStore store,
      Runnable closedByAgent) {
    this.held = held;
    this.resumable = resumable;
    this.holdTime = holdTime;
    this.waiters = waiters;
    this.store = store;
    this.closedByAgent = closedByAgent;
    this.connection =
        new AsyncSseConnection(context, holdTime, this::stillWaiting, this::connectionGone);
  }

  /** Starts the stream and waits for the call's outcome for at most the hold time. */
  void open() {
    synchronized (this) {
      deadline = Instant.now().plus(holdTime);
      resumable.ifPresent(stream -> stream.open(connection));
      if (!comment("held for approval") && !dropped()) {
        return;
      }
    }
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
      written = message(notification, () -> {});
    } else {
      written = comment(text);
    }
    if (!written) {
      dropped();
    }
  }

  /**
   * The outcome; on a resumable stream it is kept, and a replay that delivers it later marks the
   * call's outcome delivered, as a live write does.
   */
  @Override
  public synchronized boolean finish(HeldOutcome outcome) {
    if (done) {
      return false;
    }
    boolean written = message(response(outcome), () -> store.delivered(held.heldCallId()));
    end();
    return written;
  }

  @Override
  public synchronized void keepAlive() {
    if (done) {
      return;
    }
    if (resumable.isPresent() && Instant.now().isAfter(deadline)) {
      // the request's own timer went with its connection
      stillWaiting();
      return;
    }
    if (!comment("waiting")) {
      dropped();
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
      call.ifPresent(c -> message(response(HeldOutcome.stillWaiting(c, c.progress())), () -> {}));
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

  private boolean message(JsonObject message, Runnable onDelivered) {
    if (resumable.isPresent()) {
      return resumable.get().send(message.toString(), onDelivered);
    }
    return connection.write("event: message\ndata: " + message + "\n\n");
  }

  private boolean comment(String text) {
    if (resumable.isPresent()) {
      return resumable.get().comment(text);
    }
    return connection.write(": " + text.replace('\n', ' ') + "\n\n");
  }

  private void end() {
    done = true;
    waiters.remove(held.heldCallId(), this);
    if (resumable.isPresent()) {
      resumable.get().end();
    } else {
      connection.end();
    }
  }

  /**
   * A write found the agent gone. A resumable stream goes on waiting for the agent to resume;
   * otherwise the stream ends, and a 2026-07-28 agent thereby cancels the call. Returns whether the
   * stream still waits.
   */
  private boolean dropped() {
    if (resumable.isPresent()) {
      return true;
    }
    end();
    if (held.modern()) {
      closedByAgent.run();
    }
    return false;
  }

  /** The container let go of the request: nothing may be written to its response any more. */
  private void connectionGone(boolean failed) {
    if (resumable.isPresent()) {
      resumable.get().detach(connection);
      return;
    }
    boolean open;
    synchronized (this) {
      open = !done;
      done = true;
      waiters.remove(held.heldCallId(), this);
    }
    if (open && failed && held.modern()) {
      closedByAgent.run();
    }
  }
}
