package io.countersign.tenant;

/**
 * CDI event fired inside the transaction that changed a tenant (import, key issued or revoked).
 * Observe it with {@code @Observes(during = TransactionPhase.AFTER_SUCCESS)} to drop cached state
 * only once the change is committed.
 */
public record TenantChanged(String tenantId) {}
