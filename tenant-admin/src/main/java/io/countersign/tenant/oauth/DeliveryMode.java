package io.countersign.tenant.oauth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** {@code backchannel_token_delivery_mode} (CIBA Core 1.0, section 5). */
public enum DeliveryMode {
  /** The client polls the token endpoint. */
  POLL,
  /** The provider calls the client's notification endpoint, then the client fetches the token. */
  PING,
  /** The provider sends the token response itself to the client's notification endpoint. */
  PUSH;

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the provider calls the client's notification endpoint in this mode. */
  public boolean notifies() {
    return this != POLL;
  }

  public static Optional<DeliveryMode> parse(String text) {
    return Arrays.stream(values()).filter(m -> m.word().equals(text)).findFirst();
  }
}
