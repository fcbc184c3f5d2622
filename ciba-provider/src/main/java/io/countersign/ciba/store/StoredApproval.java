package io.countersign.ciba.store;

import io.countersign.ciba.approval.ApprovalSnapshot;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of {@code approval_request}: the aggregate's snapshot plus what the token endpoint needs
 * beside it.
 *
 * @param authReqIdHash SHA-256 of the {@code auth_req_id}; the identifier itself is never stored
 * @param pollIntervalSeconds the {@code interval} the client was given; raised by slow_down
 * @param nextPollAt polling before this instant is answered with {@code slow_down}
 * @param notificationSealed for ping and push clients: what a callback needs, sealed ({@link
 *     CallbackAddress})
 * @param scope the scope the client asked for
 */
public record StoredApproval(
    ApprovalSnapshot snapshot,
    String authReqIdHash,
    int pollIntervalSeconds,
    Optional<Instant> nextPollAt,
    Optional<String> notificationSealed,
    String scope) {

  public StoredApproval {
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(authReqIdHash, "authReqIdHash");
    Objects.requireNonNull(nextPollAt, "nextPollAt");
    Objects.requireNonNull(notificationSealed, "notificationSealed");
    Objects.requireNonNull(scope, "scope");
  }

  public StoredApproval with(ApprovalSnapshot next) {
    return new StoredApproval(
        next, authReqIdHash, pollIntervalSeconds, nextPollAt, notificationSealed, scope);
  }

  public StoredApproval polled(int interval, Instant next) {
    return new StoredApproval(
        snapshot, authReqIdHash, interval, Optional.of(next), notificationSealed, scope);
  }
}
