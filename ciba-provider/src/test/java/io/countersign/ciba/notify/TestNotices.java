package io.countersign.ciba.notify;

import io.countersign.ciba.approval.ApprovalRequest;
import io.countersign.ciba.approval.NewApprovalRequest;
import io.countersign.ciba.details.TestCalls;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Notices of a real approval request (a refund of order A-17 held for {@code 1 of finance}). */
final class TestNotices {

  static final Instant T0 = Instant.parse("2026-11-02T12:00:00Z");
  static final Duration TTL = Duration.ofMinutes(15);

  private TestNotices() {}

  static ApprovalRequest request() {
    ApprovalRequest request =
        ApprovalRequest.open(
            new NewApprovalRequest(
                UUID.randomUUID(),
                "gateway",
                Optional.of("rita@acme.example"),
                TestCalls.call("1 of finance"),
                Optional.empty(),
                TTL),
            T0);
    request.drainEvents();
    return request;
  }

  static ApproverNotice requested(List<String> recipients) {
    return ApproverNotifier.notice(request(), NoticeKind.REQUESTED, recipients);
  }

  /** A notice whose summary an agent tried to smuggle mail headers into. */
  static ApproverNotice withSummary(String summary) {
    ApproverNotice n = requested(List.of());
    return new ApproverNotice(
        n.kind(),
        n.tenant(),
        n.requestId(),
        summary,
        n.risk(),
        n.expiresAt(),
        n.bindingCode(),
        n.recipients());
  }
}
