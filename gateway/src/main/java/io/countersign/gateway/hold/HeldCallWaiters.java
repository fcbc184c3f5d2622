package io.countersign.gateway.hold;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The agents on this node waiting for held calls: no thread each, only an entry here. When a call
 * moves (on this node, or on another one as {@link #refresh} finds), its waiters get the progress
 * or the outcome; an outcome counts as delivered once one waiter received it.
 */
@ApplicationScoped
public class HeldCallWaiters {

  /** One agent's open request for a held call. */
  public interface Waiter {

    /** Where the approval stands, in words; called when that changes. */
    void progress(String text);

    /** The outcome; {@code true} when it reached the agent. Called at most once. */
    boolean finish(HeldOutcome outcome);

    /**
     * Nothing moved for a while: a sign of life to the agent, which also finds out whether the
     * agent is still there (a stream it dropped fails on this write and leaves).
     */
    void keepAlive();
  }

  @Inject HeldCallStore store;
  @Inject HeldCallOutcomes outcomes;

  private record Waiting(String tenantId, Set<Waiter> waiters) {}

  private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
  private final Map<String, String> lastProgress = new ConcurrentHashMap<>();

  /**
   * Adds a waiter, then looks at the call once: an outcome reached before the waiter was added is
   * not missed.
   */
  public void add(String tenantId, String heldCallId, Waiter waiter) {
    waiting
        .computeIfAbsent(heldCallId, id -> new Waiting(tenantId, new CopyOnWriteArraySet<>()))
        .waiters()
        .add(waiter);
    changed(tenantId, heldCallId);
  }

  public void remove(String heldCallId, Waiter waiter) {
    waiting.computeIfPresent(
        heldCallId,
        (id, entry) -> {
          entry.waiters().remove(waiter);
          return entry.waiters().isEmpty() ? null : entry;
        });
    if (!waiting.containsKey(heldCallId)) {
      lastProgress.remove(heldCallId);
    }
  }

  /** How many requests wait on this node. */
  public int size() {
    return waiting.values().stream().mapToInt(entry -> entry.waiters().size()).sum();
  }

  /** The call moved: tell its waiters here. */
  public void changed(String tenantId, String heldCallId) {
    Waiting entry = waiting.get(heldCallId);
    if (entry == null || entry.waiters().isEmpty()) {
      return;
    }
    Set<Waiter> waiters = entry.waiters();
    Optional<HeldCallOutcomes.Followed> followed = outcomes.find(tenantId, heldCallId);
    if (followed.isEmpty()) {
      return;
    }
    Optional<HeldOutcome> outcome = followed.get().outcome();
    if (outcome.isPresent()) {
      boolean delivered = false;
      for (Waiter waiter : waiters) {
        remove(heldCallId, waiter);
        delivered |= waiter.finish(outcome.get());
      }
      if (delivered) {
        store.delivered(heldCallId);
      }
      return;
    }
    String progress = followed.get().progressText();
    if (!progress.equals(lastProgress.put(heldCallId, progress))) {
      waiters.forEach(waiter -> waiter.progress(progress));
    }
  }

  /** Every waiter here gets a sign of life (see {@link Waiter#keepAlive}). */
  public void keepAlive() {
    waiting.values().forEach(entry -> entry.waiters().forEach(Waiter::keepAlive));
  }

  /**
   * Looks at every call waited on here, for moves made on other nodes: a call whose state or
   * progress changed is handed to {@link #changed}.
   */
  public void refresh() {
    if (waiting.isEmpty()) {
      return;
    }
    store
        .states(waiting.keySet())
        .forEach(
            (id, standing) -> {
              boolean moved =
                  standing.state().isTerminal()
                      || !standing.progress().orElse("").equals(lastProgress.getOrDefault(id, ""))
                          && standing.progress().isPresent();
              Waiting entry = waiting.get(id);
              if (moved && entry != null) {
                changed(entry.tenantId(), id);
              }
            });
  }

  /** "awaiting approval: 1 of 2 from db-owners, code CS-4F2K". */
  public static String progressText(HeldCall held) {
    String state =
        switch (held.state()) {
          case REQUESTING -> "asking the approvers";
          case APPROVED, FORWARDING -> "approved, forwarding";
          default -> "awaiting approval" + held.progress().map(p -> ": " + p).orElse("");
        };
    return state + ", code " + held.bindingCode();
  }
}
