package io.countersign.audit.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.audit.AuditEvent;
import io.countersign.audit.AuditReceipt;
import io.countersign.audit.AuditStoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogQueueTest {

  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private final ExecutorService callers = Executors.newCachedThreadPool();

  /** Every group the writer was given, by the thread that wrote it. */
  private final List<List<String>> groups = Collections.synchronizedList(new ArrayList<>());

  private final List<String> writerThreads = Collections.synchronizedList(new ArrayList<>());

  private long next;

  @AfterEach
  void stopCallers() {
    callers.shutdownNow();
  }

  @Test
  void appendWhenAloneThenWrittenAtOnceOnTheCallersThread() {
    var queue = new LogQueue(256);
    AuditReceipt receipt = queue.append(event("a"), this::write, PATIENCE);
    assertEquals(0, receipt.index());
    assertEquals(List.of(List.of("a")), groups);
    assertEquals(List.of(Thread.currentThread().getName()), writerThreads);
  }

  @Test
  void appendWhileAGroupIsBeingWrittenThenTheNewcomersShareOneTransaction() throws Exception {
    var queue = new LogQueue(256);
    var release = new CountDownLatch(1);
    Future<AuditReceipt> first = firstWritingUntil(queue, release);
    List<Future<AuditReceipt>> followers = queueFollowers(queue, 5);
    release.countDown();
    assertEquals(0, first.get(10, TimeUnit.SECONDS).index());
    for (int i = 0; i < 5; i++) {
      assertEquals(1 + i, followers.get(i).get(10, TimeUnit.SECONDS).index());
    }
    assertEquals(List.of(List.of("first"), List.of("f0", "f1", "f2", "f3", "f4")), groups);
  }

  @Test
  void appendWhenMoreWaitThanAGroupHoldsThenGroupsOfAtMostTheLimit() throws Exception {
    var queue = new LogQueue(2);
    var release = new CountDownLatch(1);
    Future<AuditReceipt> first = firstWritingUntil(queue, release);
    List<Future<AuditReceipt>> followers = queueFollowers(queue, 5);
    release.countDown();
    first.get(10, TimeUnit.SECONDS);
    for (var follower : followers) {
      follower.get(10, TimeUnit.SECONDS);
    }
    assertEquals(
        List.of(List.of("first"), List.of("f0", "f1"), List.of("f2", "f3"), List.of("f4")), groups);
  }

  @Test
  void appendWhenTheStoreRefusesOneEntryOfAGroupThenOnlyThatOneFails() throws Exception {
    var queue = new LogQueue(256);
    var release = new CountDownLatch(1);
    LogQueue.Writer refusesBad =
        events -> {
          if (events.stream().anyMatch(e -> e.correlationId().equals("bad"))) {
            throw new AuditStoreException("value too long for column correlation_id", null);
          }
          return write(events);
        };
    Future<AuditReceipt> first = firstWritingUntil(queue, release);
    Future<AuditReceipt> good =
        callers.submit(() -> queue.append(event("good"), refusesBad, PATIENCE));
    waitUntilQueued(queue, 1);
    Future<AuditReceipt> bad =
        callers.submit(() -> queue.append(event("bad"), refusesBad, PATIENCE));
    waitUntilQueued(queue, 2);
    release.countDown();
    first.get(10, TimeUnit.SECONDS);
    assertEquals(1, good.get(10, TimeUnit.SECONDS).index());
    var refused = assertThrows(Exception.class, () -> bad.get(10, TimeUnit.SECONDS));
    assertTrue(refused.getCause() instanceof AuditStoreException, refused.toString());
    assertTrue(refused.getCause().getMessage().contains("correlation_id"));
    // the group was tried once, then each entry on its own
    assertEquals(List.of(List.of("first"), List.of("good")), groups);
  }

  @Test
  void appendWhenPatienceRunsOutInTheQueueThenWithdrawnAndNeverWritten() throws Exception {
    var queue = new LogQueue(256);
    var release = new CountDownLatch(1);
    Future<AuditReceipt> first = firstWritingUntil(queue, release);
    var late =
        assertThrows(
            AuditStoreException.class,
            () -> queue.append(event("late"), this::write, Duration.ofMillis(50)));
    assertTrue(late.getMessage().contains("not written"), late.getMessage());
    release.countDown();
    first.get(10, TimeUnit.SECONDS);
    assertEquals(0, queue.waitingCount());
    // the next caller finds nobody writing and writes at once
    queue.append(event("after"), this::write, PATIENCE);
    assertEquals(List.of(List.of("first"), List.of("after")), groups);
  }

  @Test
  void appendWhenTheWriterBreaksThenItsCallersHearItAndTheLeadIsFreed() {
    var queue = new LogQueue(256);
    assertThrows(
        OutOfMemoryError.class,
        () ->
            queue.append(
                event("doomed"),
                events -> {
                  throw new OutOfMemoryError("Java heap space");
                },
                PATIENCE));
    assertEquals(0, queue.append(event("next"), this::write, PATIENCE).index());
  }

  /** A first caller that leads and is still writing its entry when this returns. */
  private Future<AuditReceipt> firstWritingUntil(LogQueue queue, CountDownLatch release)
      throws InterruptedException {
    var writing = new CountDownLatch(1);
    Future<AuditReceipt> first =
        callers.submit(
            () ->
                queue.append(
                    event("first"),
                    events -> {
                      writing.countDown();
                      await(release);
                      return write(events);
                    },
                    PATIENCE));
    writing.await();
    return first;
  }

  /** {@code count} callers f0, f1, … waiting in the queue in that order. */
  private List<Future<AuditReceipt>> queueFollowers(LogQueue queue, int count)
      throws InterruptedException {
    List<Future<AuditReceipt>> followers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = "f" + i;
      followers.add(callers.submit(() -> queue.append(event(name), this::write, PATIENCE)));
      waitUntilQueued(queue, i + 1);
    }
    return followers;
  }

  private synchronized List<AuditReceipt> write(List<AuditEvent> events) {
    groups.add(events.stream().map(AuditEvent::correlationId).toList());
    writerThreads.add(Thread.currentThread().getName());
    List<AuditReceipt> receipts = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      receipts.add(new AuditReceipt(next++, new byte[32]));
    }
    return receipts;
  }

  private static void waitUntilQueued(LogQueue queue, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (queue.waitingCount() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("never " + count + " waiting");
      }
      Thread.sleep(1);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static AuditEvent event(String correlationId) {
    return new AuditEvent(
        "acme",
        Instant.parse("2026-11-21T00:00:00Z"),
        AuditEvent.TOOL_CALL_OUTCOME,
        correlationId,
        AuditEvent.Actor.agent("id-1", "agent-1", Optional.empty()),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        "succeeded",
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }
}
