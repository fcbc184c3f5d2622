package io.countersign.audit.log;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** One stored entry: its index, the hash the log recorded, and the exact leaf bytes. */
public record AuditEntry(long index, byte[] leafHash, byte[] leaf, Instant occurredAt) {

  public String leafHashBase64() {
    return Base64.getEncoder().encodeToString(leafHash);
  }

  /** The leaf as text: canonical JSON, UTF-8. */
  public String leafJson() {
    return new String(leaf, StandardCharsets.UTF_8);
  }
}
