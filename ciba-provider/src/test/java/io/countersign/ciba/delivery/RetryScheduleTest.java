package io.countersign.ciba.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

  private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

  @Test
  void defaultsAreSixAttemptsFromTwoSecondsCappedAtFiveMinutes() {
    assertEquals(
        new RetrySchedule(6, Duration.ofSeconds(2), Duration.ofMinutes(5)),
        RetrySchedule.defaults());
  }

  @Test
  void firstAttemptIsImmediate() {
    assertEquals(Optional.of(NOW), RetrySchedule.defaults().nextAttempt(0, NOW));
  }

  @Test
  void delayDoublesAfterEachFailedAttempt() {
    RetrySchedule schedule = RetrySchedule.defaults();

    assertEquals(Optional.of(NOW.plusSeconds(2)), schedule.nextAttempt(1, NOW));
    assertEquals(Optional.of(NOW.plusSeconds(4)), schedule.nextAttempt(2, NOW));
    assertEquals(Optional.of(NOW.plusSeconds(8)), schedule.nextAttempt(3, NOW));
    assertEquals(Optional.of(NOW.plusSeconds(16)), schedule.nextAttempt(4, NOW));
    assertEquals(Optional.of(NOW.plusSeconds(32)), schedule.nextAttempt(5, NOW));
  }

  @Test
  void noAttemptOnceTheAttemptsAreUsedUp() {
    assertEquals(Optional.empty(), RetrySchedule.defaults().nextAttempt(6, NOW));
    assertEquals(Optional.empty(), RetrySchedule.defaults().nextAttempt(7, NOW));
  }

  @Test
  void delayNeverExceedsTheCap() {
    var schedule =
        new RetrySchedule(Integer.MAX_VALUE, Duration.ofSeconds(1), Duration.ofSeconds(10));

    assertEquals(Optional.of(NOW.plusSeconds(8)), schedule.nextAttempt(4, NOW));
    assertEquals(Optional.of(NOW.plusSeconds(10)), schedule.nextAttempt(5, NOW));
    assertEquals(Optional.of(NOW.plusSeconds(10)), schedule.nextAttempt(1_000_000, NOW));
  }

  @Test
  void hugeCapDoesNotOverflow() {
    var schedule =
        new RetrySchedule(Integer.MAX_VALUE, Duration.ofSeconds(1), Duration.ofDays(36500));

    assertEquals(
        Optional.of(NOW.plus(Duration.ofDays(36500))), schedule.nextAttempt(1_000_000, NOW));
  }

  @Test
  void noRetryAfterTheRequestExpires() {
    RetrySchedule schedule = RetrySchedule.defaults();
    Instant expiry = NOW.plusSeconds(5);

    assertEquals(Optional.of(NOW.plusSeconds(4)), schedule.nextAttempt(2, NOW, expiry));
    assertEquals(Optional.empty(), schedule.nextAttempt(3, NOW, expiry));
  }

  @Test
  void noRetryExactlyAtExpiry() {
    assertEquals(
        Optional.empty(), RetrySchedule.defaults().nextAttempt(1, NOW, NOW.plusSeconds(2)));
  }

  @Test
  void noFirstAttemptForAnAlreadyExpiredRequest() {
    assertEquals(Optional.empty(), RetrySchedule.defaults().nextAttempt(0, NOW, NOW));
  }

  @Test
  void nonsenseSchedulesAreRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new RetrySchedule(0, Duration.ofSeconds(1), Duration.ofSeconds(1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RetrySchedule(3, Duration.ZERO, Duration.ofSeconds(1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RetrySchedule(3, Duration.ofSeconds(2), Duration.ofSeconds(1)));
    assertThrows(
        IllegalArgumentException.class, () -> RetrySchedule.defaults().nextAttempt(-1, NOW));
  }
}
