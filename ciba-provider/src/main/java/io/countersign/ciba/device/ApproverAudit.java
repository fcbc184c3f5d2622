package io.countersign.ciba.device;

import io.countersign.audit.AuditEvent;
import java.time.Instant;
import java.util.Optional;

/** The audit entries of approvers' devices and invitations: a member did something to one. */
final class ApproverAudit {

  private ApproverAudit() {}

  /**
   * An entry of {@code type} about the device or invitation {@code subject}, by the member (or the
   * operator) {@code actor}.
   */
  static AuditEvent entry(
      String tenantId,
      String type,
      String subject,
      String actor,
      String reason,
      String outcome,
      Instant now) {
    return new AuditEvent(
        tenantId,
        now,
        type,
        subject,
        AuditEvent.Actor.member(actor, actor),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(reason),
        outcome,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }
}
