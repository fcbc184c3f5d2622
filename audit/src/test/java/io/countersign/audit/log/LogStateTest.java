package io.countersign.audit.log;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogStateTest {

  private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
  private static final Duration MINUTE = Duration.ofSeconds(60);
  private static final Duration DAY = Duration.ofDays(1);

  private static boolean due(long size, long checkpointed, Duration age) {
    return new LogState("t", "o", size, checkpointed, NOW.minus(age)).due(NOW, MINUTE, 1000, DAY);
  }

  @Test
  void dueWhenNewEntriesAndIntervalPassedThenTrue() {
    assertTrue(due(11, 10, Duration.ofSeconds(61)));
  }

  @Test
  void dueWhenNewEntriesButRecentThenFalseUntilBatchFull() {
    assertFalse(due(11, 10, Duration.ofSeconds(5)));
    assertTrue(due(1010, 10, Duration.ofSeconds(5)));
  }

  @Test
  void dueWhenNothingNewThenOnlyDailyHeartbeat() {
    assertFalse(due(10, 10, Duration.ofHours(23)));
    assertTrue(due(10, 10, Duration.ofHours(24)));
  }

  @Test
  void dueWhenNeverCheckpointedThenAsSoonAsThereIsAnEntry() {
    assertFalse(new LogState("t", "o", 0, -1, null).due(NOW, MINUTE, 1000, DAY));
    assertTrue(new LogState("t", "o", 1, -1, null).due(NOW, MINUTE, 1000, DAY));
  }
}
