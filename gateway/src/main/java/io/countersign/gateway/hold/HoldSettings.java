package io.countersign.gateway.hold;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How the gateway holds calls (MicroProfile Config; defaults documented in docs/operations.md).
 * Durations are ISO-8601.
 */
@ApplicationScoped
public class HoldSettings {

  /** Where this node reaches the built-in CIBA provider and is reached for pings. */
  @Inject
  @ConfigProperty(name = "countersign.gateway.self-url")
  Optional<String> selfUrl;

  @Inject
  @ConfigProperty(name = "countersign.public-url")
  Optional<String> publicUrl;

  @Inject
  @ConfigProperty(name = "http.port", defaultValue = "9080")
  int httpPort;

  /**
   * How long a {@code tools/call} stream waits for the outcome before telling the agent to retry.
   */
  @Inject
  @ConfigProperty(name = "countersign.gateway.hold-time", defaultValue = "PT50S")
  Duration holdTime;

  /** How long after a rejection or expiry an identical retry gets that outcome again. */
  @Inject
  @ConfigProperty(name = "countersign.gateway.retry-window", defaultValue = "PT10M")
  Duration retryWindow;

  /** In ping mode, how long the gateway waits for a ping before it polls anyway. */
  @Inject
  @ConfigProperty(name = "countersign.gateway.poll-fallback", defaultValue = "PT30S")
  Duration pollFallback;

  /** {@code ping} (default) or {@code poll}: how the built-in provider tells the gateway. */
  @Inject
  @ConfigProperty(name = "countersign.gateway.delivery-mode", defaultValue = "ping")
  String deliveryMode;

  /** The base URL of this node: {@code self-url}, else the public URL, else loopback. */
  public String selfUrl() {
    String base =
        selfUrl.or(() -> publicUrl).orElse("http://127.0.0.1:" + httpPort).replaceAll("/+$", "");
    return base;
  }

  public Duration holdTime() {
    return holdTime;
  }

  public Duration retryWindow() {
    return retryWindow;
  }

  public Duration pollFallback() {
    return pollFallback;
  }

  public boolean ping() {
    return !"poll".equalsIgnoreCase(deliveryMode);
  }
}
