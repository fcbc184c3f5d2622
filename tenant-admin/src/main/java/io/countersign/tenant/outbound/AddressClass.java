package io.countersign.tenant.outbound;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Classifies an IP address as public, private (reachable only when allowed) or never reachable. */
final class AddressClass {

  /** Never reachable: link-local (cloud metadata lives there), "this network", multicast. */
  private static final List<Cidr> FORBIDDEN =
      List.of(
          Cidr.of("0.0.0.0/8"),
          Cidr.of("169.254.0.0/16"),
          Cidr.of("224.0.0.0/4"),
          Cidr.of("240.0.0.0/4"),
          Cidr.of("::/128"),
          Cidr.of("fe80::/10"),
          Cidr.of("ff00::/8"),
          Cidr.of("100.100.100.200/32"), // Alibaba Cloud metadata
          Cidr.of("fd00:ec2::254/128")); // AWS metadata over IPv6

  /** Loopback and private networks (RFC 1918, RFC 6598, RFC 4193): only when allowed. */
  private static final List<Cidr> PRIVATE =
      List.of(
          Cidr.of("127.0.0.0/8"),
          Cidr.of("10.0.0.0/8"),
          Cidr.of("172.16.0.0/12"),
          Cidr.of("192.168.0.0/16"),
          Cidr.of("100.64.0.0/10"),
          Cidr.of("::1/128"),
          Cidr.of("fc00::/7"));

  /** IPv6 forms that carry an IPv4 address: IPv4-compatible, NAT64 (RFC 6052), 6to4. */
  private static final Cidr IPV4_COMPATIBLE = Cidr.of("::/96");

  private static final Cidr IPV4_MAPPED = Cidr.of("::ffff:0:0/96");

  private static final Cidr NAT64 = Cidr.of("64:ff9b::/96");
  private static final Cidr SIX_TO_FOUR = Cidr.of("2002::/16");

  private AddressClass() {}

  /** Why {@code address} may never be reached, if so. */
  static Optional<String> forbidden(InetAddress address) {
    return match(FORBIDDEN, address);
  }

  /** Which private block {@code address} is in, if any. */
  static Optional<String> privateNetwork(InetAddress address) {
    return match(PRIVATE, address);
  }

  private static Optional<String> match(List<Cidr> blocks, InetAddress address) {
    for (byte[] candidate : forms(address.getAddress())) {
      for (Cidr block : blocks) {
        if (block.contains(candidate)) {
          return Optional.of(block.text());
        }
      }
    }
    return Optional.empty();
  }

  /** The address itself and any IPv4 address embedded in it. */
  private static List<byte[]> forms(byte[] address) {
    if (address.length == 16) {
      if (IPV4_MAPPED.contains(address)
          || NAT64.contains(address)
          || (IPV4_COMPATIBLE.contains(address) && !isZeroOrOne(address))) {
        return List.of(address, Arrays.copyOfRange(address, 12, 16));
      }
      if (SIX_TO_FOUR.contains(address)) {
        return List.of(address, Arrays.copyOfRange(address, 2, 6));
      }
    }
    return List.of(address);
  }

  // :: and ::1 are IPv6 addresses of their own, not embedded IPv4 ones
  private static boolean isZeroOrOne(byte[] address) {
    for (int i = 0; i < 15; i++) {
      if (address[i] != 0) {
        return false;
      }
    }
    return address[15] == 0 || address[15] == 1;
  }
}
