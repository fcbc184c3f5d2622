package io.countersign.tenant;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant's own bounds on how long an approval request waits: the expiry given when a client asks
 * for none, and the longest one granted (CIBA {@code requested_expiry}). Empty values fall back to
 * the platform's settings.
 */
public record ApprovalExpiry(Optional<Duration> defaultExpiry, Optional<Duration> maxExpiry) {

  /** The shortest and longest expiry a tenant may set. */
  public static final Duration MIN = Duration.ofSeconds(10);

  public static final Duration MAX = Duration.ofDays(7);

  public ApprovalExpiry {
    Objects.requireNonNull(defaultExpiry, "defaultExpiry");
    Objects.requireNonNull(maxExpiry, "maxExpiry");
  }

  public static ApprovalExpiry platformDefaults() {
    return new ApprovalExpiry(Optional.empty(), Optional.empty());
  }
}
