package io.countersign.gateway.mcp;

import io.countersign.gateway.hold.HeldCallOutcomes;
import io.countersign.gateway.hold.HeldCallWaiters;
import io.countersign.gateway.hold.HeldOutcome;
import io.countersign.gateway.tasks.HeldCallTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Where the tasks' states the gateway learns reach the {@code subscriptions/listen} streams that
 * follow them ({@link TaskSubscription}). Whatever shows a task's state publishes it here under the
 * gateway's task id: a {@code tasks/get} answer of either upstream era or of a held call, the watch
 * of a 2025-11-25 upstream's task ({@link UpstreamTaskInputs}), and a held call's moves (followed
 * as its waiters are, on this node and, through {@link HeldCallWaiters#refresh}, from the others).
 * A subscription follows only task ids that its agent's own lookup found, so a state published here
 * reaches no other agent or tenant. Subscriptions live on the node that opened them.
 */
@ApplicationScoped
public class TaskStatusNotifier {

  @Inject HeldCallWaiters waiters;
  @Inject HeldCallOutcomes outcomes;

  private final Clock clock = Clock.systemUTC();
  private final Map<String, Set<TaskSubscription>> byTask = new ConcurrentHashMap<>();
  private final Map<TaskSubscription, List<HeldFollower>> heldFollowers = new ConcurrentHashMap<>();

  /** One held call's task followed for one subscription, as a waiter of the call. */
  private final class HeldFollower implements HeldCallWaiters.Waiter {
    final String tenantId;
    final HeldCallTask task;

    HeldFollower(String tenantId, HeldCallTask task) {
      this.tenantId = tenantId;
      this.task = task;
    }

    @Override
    public void progress(String text) {
      publishHeld(tenantId, task);
    }

    @Override
    public boolean finish(HeldOutcome outcome) {
      publishHeld(tenantId, task);
      // the notification is no proof that the agent read it: a later tasks/get still delivers
      return false;
    }

    @Override
    public void keepAlive() {}
  }

  /** Starts delivering the states of the subscription's tasks. */
  void subscribe(TaskSubscription subscription) {
    subscription
        .open()
        .forEach(
            id -> byTask.computeIfAbsent(id, key -> new CopyOnWriteArraySet<>()).add(subscription));
  }

  /**
   * Follows a held call's task for the subscription: its state now, then each move the call's
   * waiters are told of.
   */
  void followHeld(TaskSubscription subscription, String tenantId, HeldCallTask task) {
    publishHeld(tenantId, task);
    var follower = new HeldFollower(tenantId, task);
    heldFollowers.computeIfAbsent(subscription, key -> new CopyOnWriteArrayList<>()).add(follower);
    waiters.add(tenantId, task.heldCallId(), follower);
  }

  /** The task's state as the gateway just learned it ({@code DetailedTask}). */
  public void publish(String taskId, JsonObject task) {
    Set<TaskSubscription> subscriptions = byTask.get(taskId);
    if (subscriptions != null) {
      subscriptions.forEach(subscription -> subscription.notify(taskId, task));
    }
  }

  /** The subscription's stream has ended: nothing more is delivered to it. */
  void forget(TaskSubscription subscription) {
    subscription.end();
    byTask.values().forEach(subscriptions -> subscriptions.remove(subscription));
    byTask.values().removeIf(Set::isEmpty);
    List<HeldFollower> followers = heldFollowers.remove(subscription);
    if (followers != null) {
      followers.forEach(f -> waiters.remove(f.task.heldCallId(), f));
    }
  }

  /** Ends the subscriptions whose time is up (each with its graceful response). */
  public void endDue() {
    var now = clock.instant();
    heldFollowers.keySet().forEach(subscription -> subscription.endIfDue(now));
    byTask.values().forEach(subscriptions -> subscriptions.forEach(s -> s.endIfDue(now)));
  }

  /** How many subscriptions follow tasks on this node. */
  public int subscriptions() {
    return (int) byTask.values().stream().flatMap(Set::stream).distinct().count();
  }

  private void publishHeld(String tenantId, HeldCallTask task) {
    outcomes
        .find(tenantId, task.heldCallId())
        .ifPresent(followed -> publish(task.id(), HeldCallTasks.detailed(task, followed)));
  }
}
