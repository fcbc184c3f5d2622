package io.countersign.audit.log;

import io.countersign.audit.AuditEvent;
import io.countersign.audit.AuditReceipt;
import io.countersign.audit.AuditStoreException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The entries of one log waiting to be committed on their own, and group commit over them (leader
 * and followers): the first caller to find nobody writing becomes the leader and commits, in one
 * transaction, every entry waiting at that moment; callers that arrive meanwhile wait. When the
 * leader's group is durable it hands the lead to the first of them, whose group holds everything
 * that arrived while the leader wrote. One caller alone writes its own entry at once, on its own
 * thread; under load a transaction carries many entries, and the log's row is locked once per group
 * instead of once per entry.
 */
final class LogQueue {

  /** Writes a group of one log's entries in one transaction, in their order; all or nothing. */
  @FunctionalInterface
  interface Writer {
    List<AuditReceipt> write(List<AuditEvent> events);
  }

  /** What a waiting caller is told. */
  private sealed interface Turn permits Written, NotWritten, Lead {}

  private record Written(AuditReceipt receipt) implements Turn {}

  private record NotWritten(AuditStoreException failure) implements Turn {}

  /** The caller's entry is still waiting and the caller writes the next group. */
  private record Lead() implements Turn {}

  private static final class Waiting {
    final AuditEvent event;

    /** Completed once: with the lead, or with what became of the entry. */
    final CompletableFuture<Turn> turn = new CompletableFuture<>();

    /** What became of the entry; also for a caller that took the lead, whose turn is spent. */
    private Turn outcome;

    Waiting(AuditEvent event) {
      this.event = event;
    }

    void finish(Turn written) {
      if (outcome == null) {
        outcome = written;
        turn.complete(written);
      }
    }
  }

  private static final Logger LOG = Logger.getLogger(LogQueue.class.getName());

  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  private final int maxGroup;
  private boolean leading;

  LogQueue(int maxGroup) {
    if (maxGroup < 1) {
      throw new IllegalArgumentException("a group holds at least one entry, not " + maxGroup);
    }
    this.maxGroup = maxGroup;
  }

  /**
   * Appends {@code event} through {@code writer}, grouped with the entries waiting with it, and
   * returns once its group is committed. A caller still waiting in the queue after {@code patience}
   * withdraws its entry, which is then never written; one whose group is being written waits for
   * that transaction's end, so that what it reports is what happened.
   */
  AuditReceipt append(AuditEvent event, Writer writer, Duration patience) {
    Waiting mine = new Waiting(event);
    boolean lead;
    lock.lock();
    try {
      waiting.add(mine);
      lead = !leading;
      leading = true;
    } finally {
      lock.unlock();
    }
    Turn turn = lead ? new Lead() : await(mine, patience);
    if (turn instanceof Lead) {
      // the leader's own entry is the first of the group it writes, on this thread
      writeGroup(writer);
      turn = mine.outcome;
    }
    if (turn instanceof Written written) {
      return written.receipt();
    }
    throw ((NotWritten) turn).failure();
  }

  /** How many entries wait for their group to be written. */
  int waitingCount() {
    lock.lock();
    try {
      return waiting.size();
    } finally {
      lock.unlock();
    }
  }

  private Turn await(Waiting mine, Duration patience) {
    try {
      return mine.turn.get(patience.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException late) {
      lock.lock();
      try {
        if (!mine.turn.isDone() && waiting.remove(mine)) {
          return new NotWritten(
              new AuditStoreException(
                  "audit entry for "
                      + mine.event.tenantId()
                      + " not written: its log did not take it within "
                      + patience,
                  null));
        }
      } finally {
        lock.unlock();
      }
      return mine.turn.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return mine.turn.join();
    } catch (ExecutionException e) {
      throw new IllegalStateException("a turn is never completed exceptionally", e);
    }
  }

  /**
   * Writes the waiting entries (the leader's first among them), then hands the lead to the first
   * entry that arrived meanwhile, or gives it up.
   */
  private void writeGroup(Writer writer) {
    List<Waiting> group = new ArrayList<>();
    lock.lock();
    try {
      while (group.size() < maxGroup && !waiting.isEmpty()) {
        group.add(waiting.poll());
      }
    } finally {
      lock.unlock();
    }
    try {
      write(group, writer);
    } finally {
      for (Waiting entry : group) {
        entry.finish(
            new NotWritten(
                new AuditStoreException(
                    "audit entry for " + entry.event.tenantId() + " not written", null)));
      }
      lock.lock();
      try {
        Waiting next = waiting.peek();
        if (next == null) {
          leading = false;
        } else {
          next.turn.complete(new Lead());
        }
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * One transaction for the group; if it fails, each entry on its own, so that one entry the store
   * refuses does not take the others with it.
   */
  private static void write(List<Waiting> group, Writer writer) {
    try {
      List<AuditReceipt> receipts = writer.write(group.stream().map(w -> w.event).toList());
      for (int i = 0; i < group.size(); i++) {
        group.get(i).finish(new Written(receipts.get(i)));
      }
      return;
    } catch (RuntimeException failure) {
      if (group.size() == 1) {
        group.get(0).finish(new NotWritten(storeFailure(group.get(0), failure)));
        return;
      }
      LOG.log(
          Level.WARNING,
          "a group of "
              + group.size()
              + " audit entries for "
              + group.get(0).event.tenantId()
              + " was not committed; each is tried alone",
          failure);
    }
    for (Waiting entry : group) {
      try {
        entry.finish(new Written(writer.write(List.of(entry.event)).get(0)));
      } catch (RuntimeException failure) {
        entry.finish(new NotWritten(storeFailure(entry, failure)));
      }
    }
  }

  private static AuditStoreException storeFailure(Waiting entry, RuntimeException failure) {
    return failure instanceof AuditStoreException store
        ? store
        : new AuditStoreException(
            "audit entry for " + entry.event.tenantId() + " not written: " + failure.getMessage(),
            failure);
  }
}
