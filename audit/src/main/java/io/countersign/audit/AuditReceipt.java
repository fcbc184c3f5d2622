package io.countersign.audit;

/** Proof that an event was appended: its position in the log. */
public record AuditReceipt(long entryId) {}
