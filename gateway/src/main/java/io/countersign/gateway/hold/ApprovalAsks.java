package io.countersign.gateway.hold;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The queue of backchannel requests this node sends for the calls it just held: the agent's request
 * thread only enqueues, and at most {@link #SENDERS} threads send, so a burst of held calls cannot
 * exhaust the threads or the database pool. A request still queued when its lease runs out (a node
 * stopped, a very long queue) is sent by the timer of any node instead; the claim on the attempt
 * makes sure only one of them sends it.
 */
@ApplicationScoped
public class ApprovalAsks {

  private static final Logger LOG = Logger.getLogger(ApprovalAsks.class.getName());

  /** Threads sending at once on this node. */
  static final int SENDERS = 4;

  private record Ask(String tenantId, String heldCallId) {}

  @Resource ManagedExecutorService executor;

  @Inject HeldCalls heldCalls;

  private final Queue<Ask> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger senders = new AtomicInteger();

  /** After the decision committed: the held call's first attempt, as soon as a sender is free. */
  public void enqueue(String tenantId, String heldCallId) {
    queue.add(new Ask(tenantId, heldCallId));
    startSender();
  }

  /** How many wait to be sent on this node. */
  public int queued() {
    return queue.size();
  }

  private void startSender() {
    while (!queue.isEmpty()) {
      int running = senders.get();
      if (running >= SENDERS) {
        return;
      }
      if (senders.compareAndSet(running, running + 1)) {
        try {
          executor.execute(this::send);
        } catch (RejectedExecutionException e) {
          senders.decrementAndGet();
          LOG.warning("backchannel requests left to the timer: " + e.getMessage());
        }
        return;
      }
    }
  }

  private void send() {
    try {
      for (Ask ask = queue.poll(); ask != null; ask = queue.poll()) {
        try {
          heldCalls.ask(ask.tenantId(), ask.heldCallId(), 0);
        } catch (RuntimeException e) {
          LOG.log(
              Level.SEVERE,
              "held call " + ask.heldCallId() + ": the ask failed; the timer retries",
              e);
        }
      }
    } finally {
      senders.decrementAndGet();
    }
    // an ask enqueued between the last poll and the decrement would otherwise wait for the timer
    startSender();
  }
}
