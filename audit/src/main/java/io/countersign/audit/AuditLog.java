package io.countersign.audit;

/**
 * The append-only audit log, with two ways to append:
 *
 * <ul>
 *   <li>{@link #append} joins the caller's transaction, so an entry is committed together with the
 *       state change it records, or not at all: if the append fails, the caller's transaction rolls
 *       back and the action does not happen. The log's row stays locked until that transaction
 *       ends, so keep such transactions short.
 *   <li>{@link #appendAndCommit} is for an entry that records no other state change (a call allowed
 *       and forwarded, an upstream's answer): it is committed in a transaction of its own, together
 *       with whatever other entries of the same log are waiting at that moment (group commit), and
 *       the method returns once it is durable. The caller's transaction, if any, is not involved.
 * </ul>
 */
public interface AuditLog {

  AuditReceipt append(AuditEvent event);

  /**
   * Appends {@code event} and commits it before returning.
   *
   * @throws AuditStoreException when it was not written (fail closed: the action does not happen)
   * @throws IllegalStateException when the caller's transaction holds the same log through {@link
   *     #append}: the commit would wait on that transaction forever
   */
  AuditReceipt appendAndCommit(AuditEvent event);
}
