package io.countersign.gateway.pipeline;

import io.countersign.audit.AuditEvent;
import io.countersign.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.function.Function;

/**
 * The one decision that changes state: a held call, recorded at the {@link HoldDesk} in one
 * transaction with its decision's audit entry, so that neither exists without the other. Every
 * other decision records nothing but its entry and needs no transaction of the caller's.
 */
@ApplicationScoped
public class HeldDecisions {

  @Inject HoldDesk holdDesk;
  @Inject AuditLog auditLog;

  /**
   * Holds {@code call} and appends the entry {@code entry} makes of its ticket; both or neither.
   */
  @Transactional
  public HoldTicket hold(
      ToolCall call, Decision.Hold hold, Function<HoldTicket, AuditEvent> entry) {
    HoldTicket ticket = holdDesk.hold(call, hold);
    auditLog.append(entry.apply(ticket));
    return ticket;
  }
}
