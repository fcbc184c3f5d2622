package io.countersign.audit.log;

import java.time.Instant;
import java.util.Optional;

/**
 * What an auditor or admin searches for. Every filter is optional; they combine with AND. Paging is
 * by position: {@code after} (oldest first) or {@code before} (newest first) is the index of the
 * last entry of the previous page.
 */
public record AuditQuery(
    Optional<Instant> from,
    Optional<Instant> to,
    Optional<String> eventType,
    Optional<String> agent,
    Optional<String> tool,
    Optional<String> outcome,
    Optional<String> approver,
    Optional<String> correlationId,
    Optional<Long> cursor,
    boolean newestFirst,
    int limit) {

  public static final int MAX_LIMIT = 500;

  public AuditQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
    }
    if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
      throw new IllegalArgumentException("the time range ends before it starts");
    }
  }
}
