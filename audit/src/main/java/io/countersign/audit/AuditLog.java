package io.countersign.audit;

/**
 * The append-only audit log. {@link #append} joins the caller's transaction, so an entry is
 * committed together with the state change it records, or not at all: if the append fails, the
 * caller's transaction rolls back and the action does not happen.
 */
public interface AuditLog {

  AuditReceipt append(AuditEvent event);
}
