package io.countersign.ciba.jose;

import java.time.Instant;

/** The outcome of checking a {@code private_key_jwt} client assertion. */
public sealed interface AssertionCheck {

  /**
   * The client is authenticated. The caller still refuses a {@code jti} it has seen before {@code
   * expiresAt} (RFC 7523 section 3 item 7).
   */
  record Verified(String jti, Instant expiresAt) implements AssertionCheck {}

  /** Authentication failed; {@code description} is fit for an {@code invalid_client} error. */
  record Refused(String description) implements AssertionCheck {}
}
