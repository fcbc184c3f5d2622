package io.countersign.tenant.bundle;

import io.countersign.tenant.outbound.OutboundCheck;
import io.countersign.tenant.outbound.OutboundUrlPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * A URL the platform will call (an external provider's issuer, a webhook): absolute, https (plain
 * http only where the platform allows private networks: development, tests), a valid host, and
 * permitted by the outbound URL policy (SSRF). Each problem is reported at the field.
 */
final class OutboundUrlField {

  static final int MAX_LENGTH = 2048;

  private OutboundUrlField() {}

  /**
   * The URL, or empty after reporting a problem.
   *
   * @param what what the URL is, for the https problem: {@code "an issuer is an https URL"}
   * @param shape a further rule of the field's own (empty: fine), checked once the URL is absolute
   */
  static Optional<URI> read(
      Located<String> text,
      BundleReader reader,
      OutboundUrlPolicy outbound,
      String what,
      Function<URI, Optional<String>> shape) {
    if (text.value().length() > MAX_LENGTH) {
      return refuse(text, reader, "is longer than " + MAX_LENGTH + " characters");
    }
    URI url;
    try {
      url = new URI(text.value());
    } catch (URISyntaxException e) {
      return refuse(text, reader, "is not a valid URL: " + e.getReason());
    }
    if (!url.isAbsolute()) {
      return refuse(text, reader, "is not an absolute URL (https://...)");
    }
    Optional<String> misshapen = shape.apply(url);
    if (misshapen.isPresent()) {
      return refuse(text, reader, misshapen.get());
    }
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("http") && !outbound.allowsPrivateNetworks()) {
      return refuse(
          text,
          reader,
          "must use https ("
              + what
              + "); http only where the platform sets"
              + " countersign.outbound.allow-private-networks=true");
    }
    if (url.getHost() == null && url.getRawAuthority() != null && scheme.startsWith("http")) {
      return refuse(text, reader, "has a host name that is not valid");
    }
    OutboundCheck check = outbound.checkUrl(url);
    if (check instanceof OutboundCheck.Refused refused) {
      return refuse(text, reader, "is not allowed: " + refused.reason());
    }
    return Optional.of(url);
  }

  private static Optional<URI> refuse(Located<String> text, BundleReader reader, String why) {
    reader.problem(text.path(), text.node(), "'" + text.value() + "' " + why);
    return Optional.empty();
  }
}
