package io.countersign.ciba.provider;

import java.util.UUID;

/**
 * A ping or push callback was queued in the current transaction. Observed after the commit, it lets
 * the callback go out at once instead of on the provider's next timer tick.
 */
public record CallbackQueued(String tenantId, UUID approvalId) {}
