package io.countersign.ciba.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When to try a failed delivery again: exponential backoff, doubling from {@code firstDelay} up to
 * {@code maxDelay}, at most {@code maxAttempts} attempts in all (the first one immediate). The
 * defaults ({@link #defaults()}): 6 attempts, 2 s, capped at 5 min, so attempts at 0, 2, 6, 14, 30
 * and 62 s.
 */
public record RetrySchedule(int maxAttempts, Duration firstDelay, Duration maxDelay) {

  /** Each delay is this many times the one before, up to {@link #maxDelay()}. */
  public static final int FACTOR = 2;

  public RetrySchedule {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    Objects.requireNonNull(firstDelay, "firstDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (firstDelay.isNegative() || firstDelay.isZero()) {
      throw new IllegalArgumentException("firstDelay must be positive");
    }
    if (maxDelay.compareTo(firstDelay) < 0) {
      throw new IllegalArgumentException("maxDelay must not be shorter than firstDelay");
    }
  }

  /** 6 attempts, 2 s before the second, doubling, never more than 5 min apart. */
  public static RetrySchedule defaults() {
    return new RetrySchedule(6, Duration.ofSeconds(2), Duration.ofMinutes(5));
  }

  /**
   * When to make the next attempt after {@code attemptsSoFar} attempts (none yet: now), or empty
   * when all {@link #maxAttempts()} are used up.
   */
  public Optional<Instant> nextAttempt(int attemptsSoFar, Instant now) {
    if (attemptsSoFar < 0) {
      throw new IllegalArgumentException("attemptsSoFar must not be negative");
    }
    Objects.requireNonNull(now, "now");
    if (attemptsSoFar >= maxAttempts) {
      return Optional.empty();
    }
    return Optional.of(attemptsSoFar == 0 ? now : now.plus(delayAfter(attemptsSoFar)));
  }

  /**
   * As {@link #nextAttempt(int, Instant)}, but empty when that attempt would not be before {@code
   * notAfter}: a callback about an expired {@code auth_req_id} is useless (CIBA Core 1.0, 7.3:
   * {@code expires_in}). For the {@code expired_token} error delivery itself, pass the time to give
   * up instead.
   */
  public Optional<Instant> nextAttempt(int attemptsSoFar, Instant now, Instant notAfter) {
    Objects.requireNonNull(notAfter, "notAfter");
    return nextAttempt(attemptsSoFar, now).filter(at -> at.isBefore(notAfter));
  }

  // firstDelay * FACTOR^(attemptsSoFar - 1), capped; it stops at the cap, so it cannot overflow.
  private Duration delayAfter(int attemptsSoFar) {
    Duration delay = firstDelay;
    for (int i = 1; i < attemptsSoFar && delay.compareTo(maxDelay) < 0; i++) {
      delay =
          delay.compareTo(maxDelay.dividedBy(FACTOR)) > 0 ? maxDelay : delay.multipliedBy(FACTOR);
    }
    return delay;
  }
}
