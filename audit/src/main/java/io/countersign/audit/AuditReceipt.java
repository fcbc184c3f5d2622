package io.countersign.audit;

import java.util.Base64;

/**
 * Proof that an event was appended: its index in the tenant's log and the leaf hash the log
 * recorded. After the next checkpoint, {@code /audit/proofs/inclusion?index=} turns it into an
 * inclusion proof against a signed root.
 */
public record AuditReceipt(long index, byte[] leafHash) {

  public String leafHashBase64() {
    return Base64.getEncoder().encodeToString(leafHash);
  }
}
