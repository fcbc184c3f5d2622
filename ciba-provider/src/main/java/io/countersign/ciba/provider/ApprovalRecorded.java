package io.countersign.ciba.provider;

import io.countersign.ciba.approval.ApprovalEvent;
import io.countersign.ciba.approval.ApprovalRequest;
import java.util.List;

/**
 * A request's events were appended to the audit log. Fired synchronously by {@link ApprovalAudit}
 * in the caller's transaction, so whatever an observer writes commits or rolls back with the events
 * (approver notifications do).
 */
public record ApprovalRecorded(ApprovalRequest request, List<ApprovalEvent> events) {

  public ApprovalRecorded {
    events = List.copyOf(events);
  }
}
