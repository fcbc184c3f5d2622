package io.countersign.ciba.provider;

import io.countersign.ciba.jose.SigningAlgorithm;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The provider's settings (MicroProfile Config; defaults documented in docs/operations.md).
 * Durations are ISO-8601 ({@code PT10M}).
 */
@ApplicationScoped
public class ProviderSettings {

  /** {@code expires_in} when the client does not send {@code requested_expiry}. */
  @Inject
  @ConfigProperty(name = "countersign.ciba.default-expiry", defaultValue = "PT15M")
  Duration defaultExpiry;

  /** The longest {@code requested_expiry} granted; longer requests are shortened to it. */
  @Inject
  @ConfigProperty(name = "countersign.ciba.max-expiry", defaultValue = "PT24H")
  Duration maxExpiry;

  /** The polling {@code interval} given to poll and ping clients. */
  @Inject
  @ConfigProperty(name = "countersign.ciba.poll-interval", defaultValue = "PT5S")
  Duration pollInterval;

  @Inject
  @ConfigProperty(name = "countersign.ciba.access-token-lifetime", defaultValue = "PT10M")
  Duration accessTokenLifetime;

  @Inject
  @ConfigProperty(name = "countersign.ciba.id-token-lifetime", defaultValue = "PT10M")
  Duration idTokenLifetime;

  /** The algorithm the issuers sign tokens with: ES256 (default) or PS256. */
  @Inject
  @ConfigProperty(name = "countersign.ciba.signing-alg", defaultValue = "ES256")
  String signingAlg;

  public SigningAlgorithm signingAlg() {
    return SigningAlgorithm.parse(signingAlg)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "countersign.ciba.signing-alg must be ES256 or PS256, not " + signingAlg));
  }

  public Duration defaultExpiry() {
    return defaultExpiry;
  }

  public Duration maxExpiry() {
    return maxExpiry;
  }

  public Duration pollInterval() {
    return pollInterval;
  }

  public Duration accessTokenLifetime() {
    return accessTokenLifetime;
  }

  public Duration idTokenLifetime() {
    return idTokenLifetime;
  }

  /** How long a rotated key stays published: its tokens live at most this long (plus skew). */
  public Duration longestTokenLifetime() {
    Duration longest =
        accessTokenLifetime.compareTo(idTokenLifetime) >= 0 ? accessTokenLifetime : idTokenLifetime;
    return longest.plusMinutes(5);
  }
}
