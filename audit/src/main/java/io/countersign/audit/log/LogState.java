package io.countersign.audit.log;

import java.time.Duration;
import java.time.Instant;

/**
 * A log as the checkpointer sees it: how many entries it has, and the size and time of its latest
 * checkpoint ({@code -1} and {@code null} before the first).
 */
public record LogState(
    String tenantId, String origin, long size, long checkpointedSize, Instant checkpointedAt) {

  /**
   * The cadence: a checkpoint when there are new entries and either {@code interval} has passed or
   * {@code batch} entries are waiting; and one every {@code heartbeat} even when nothing changed.
   */
  public boolean due(Instant now, Duration interval, long batch, Duration heartbeat) {
    if (checkpointedAt == null) {
      return size > 0;
    }
    long waiting = size - checkpointedSize;
    Duration age = Duration.between(checkpointedAt, now);
    return waiting > 0 && (waiting >= batch || age.compareTo(interval) >= 0)
        || age.compareTo(heartbeat) >= 0;
  }
}
