package io.countersign.tenant.notification;

import java.net.URI;
import java.util.Objects;

/**
 * A tenant's signed webhook: where new, reminded and escalated approval requests are POSTed for a
 * chat bridge, and the secret their HMAC-SHA256 signature is made with. {@link #toString()} hides
 * the secret.
 *
 * @param url https (http only where private networks are allowed), SSRF-checked
 * @param secret the HMAC key the receiver shares; never returned or logged
 */
public record ChatWebhook(URI url, String secret) {

  /** The shortest secret accepted: 32 characters (HMAC-SHA256 keys of at least 128 bits). */
  public static final int MIN_SECRET_LENGTH = 32;

  public ChatWebhook {
    Objects.requireNonNull(url, "url");
    if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
      throw new IllegalArgumentException(
          "the webhook secret must have at least " + MIN_SECRET_LENGTH + " characters");
    }
  }

  @Override
  public String toString() {
    return "ChatWebhook[" + url + ", secret (hidden)]";
  }
}
