package io.countersign.tenant.outbound;

import io.countersign.tenant.outbound.OutboundCheck.Permitted;
import io.countersign.tenant.outbound.OutboundCheck.Refused;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which upstream URLs the gateway may call (OWASP SSRF Prevention Cheat Sheet): http(s) only, no
 * credentials in the URL, never link-local or cloud metadata addresses, multicast or {@code
 * 0.0.0.0}, and loopback or private networks only when {@code
 * countersign.outbound.allow-private-networks=true}.
 *
 * <p>{@link #checkUrl} judges a URL without DNS (at import). Since a name can resolve elsewhere
 * later (DNS rebinding), the gateway also calls {@link #checkAddress} with each resolved address
 * right before it connects.
 */
@Dependent
public final class OutboundUrlPolicy {

  private static final Set<String> METADATA_NAMES =
      Set.of("metadata", "metadata.google.internal", "instance-data", "instance-data.ec2.internal");

  private final boolean allowPrivateNetworks;

  @Inject
  public OutboundUrlPolicy(
      @ConfigProperty(name = "countersign.outbound.allow-private-networks", defaultValue = "false")
          boolean allowPrivateNetworks) {
    this.allowPrivateNetworks = allowPrivateNetworks;
  }

  public boolean allowsPrivateNetworks() {
    return allowPrivateNetworks;
  }

  /** Judges a URL by its scheme, user info and host, without resolving the host. */
  public OutboundCheck checkUrl(URI url) {
    String scheme = Optional.ofNullable(url.getScheme()).orElse("").toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return new Refused("scheme must be http or https, not '" + scheme + "'");
    }
    if (url.getRawUserInfo() != null) {
      return new Refused("URL must not contain user info (put credentials under credentials:)");
    }
    if (url.getHost() == null || url.getHost().isEmpty()) {
      // java.net.URI leaves the host empty for forms such as 127.1 or 0x7f.1, too
      return url.getRawAuthority() == null
          ? new Refused("URL has no host")
          : new Refused("'" + url.getRawAuthority() + "' is not a valid host name or IP address");
    }
    String host = stripTrailingDot(url.getHost().toLowerCase(Locale.ROOT));
    if (METADATA_NAMES.contains(host)) {
      return new Refused("host '" + host + "' is a cloud metadata service");
    }
    if (host.equals("localhost") || host.endsWith(".localhost")) {
      return allowPrivateNetworks
          ? new Permitted()
          : new Refused(privateRefusal("'" + host + "' is loopback"));
    }
    Optional<InetAddress> literal;
    try {
      literal = IpLiteral.parse(host);
    } catch (IllegalArgumentException e) {
      return new Refused(e.getMessage());
    }
    return literal.map(this::checkAddress).orElseGet(Permitted::new);
  }

  /** Judges an address the host resolved to; call it right before connecting. */
  public OutboundCheck checkAddress(InetAddress address) {
    Optional<String> forbidden = AddressClass.forbidden(address);
    if (forbidden.isPresent() || address.isMulticastAddress() || address.isAnyLocalAddress()) {
      return new Refused(
          "address "
              + address.getHostAddress()
              + " is in "
              + forbidden.orElse("a forbidden range")
              + " (link-local, metadata, multicast or unspecified): never reachable");
    }
    Optional<String> privateNetwork = AddressClass.privateNetwork(address);
    if (privateNetwork.isPresent() && !allowPrivateNetworks) {
      return new Refused(
          privateRefusal(
              "address "
                  + address.getHostAddress()
                  + " is in private range "
                  + privateNetwork.get()));
    }
    return new Permitted();
  }

  private static String privateRefusal(String what) {
    return what
        + "; loopback and private networks need countersign.outbound.allow-private-networks=true";
  }

  private static String stripTrailingDot(String host) {
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }
}
