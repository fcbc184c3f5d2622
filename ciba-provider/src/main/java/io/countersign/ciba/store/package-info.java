/**
 * Where approval requests live: rows in {@code approval_request}, the aggregate's snapshot as JSON,
 * loaded and changed under a row lock so that concurrent votes and redemptions run one after the
 * other, and stored in the same transaction as the audit entries of what changed.
 */
package io.countersign.ciba.store;
