package io.countersign.ciba.delivery;

/**
 * What became of one attempt to deliver a {@link Notification}. Reasons never contain the client
 * notification token or the body.
 */
public sealed interface DeliveryResult {

  /** The client endpoint acknowledged the callback (CIBA Core 1.0, 10.2: "HTTP 204 No Content"). */
  record Delivered(int status) implements DeliveryResult {}

  /** The attempt failed; {@code retryable} says whether trying again later can help. */
  record Failed(String reason, boolean retryable) implements DeliveryResult {}

  /** The outbound policy forbids the endpoint or an address it resolves to: never retried. */
  record Refused(String reason) implements DeliveryResult {}
}
