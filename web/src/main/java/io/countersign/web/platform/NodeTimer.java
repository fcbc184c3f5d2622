package io.countersign.web.platform;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A task every node runs with a fixed delay between runs, from start-up to shutdown. Work is
 * claimed from the database by whichever node gets there first, so running it everywhere is safe. A
 * run that fails is logged and the next one still comes.
 */
public final class NodeTimer {

  private final ScheduledFuture<?> task;

  private NodeTimer(ScheduledFuture<?> task) {
    this.task = task;
  }

  public static NodeTimer every(
      ManagedScheduledExecutorService scheduler,
      Duration delay,
      Runnable run,
      Logger log,
      String what) {
    Runnable guarded =
        () -> {
          try {
            run.run();
          } catch (RuntimeException e) {
            log.log(Level.WARNING, what + " failed", e);
          }
        };
    return new NodeTimer(
        scheduler.scheduleWithFixedDelay(
            guarded, delay.toMillis(), delay.toMillis(), TimeUnit.MILLISECONDS));
  }

  public void cancel() {
    task.cancel(false);
  }
}
