package io.countersign.tenant.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads an IP address written in a URL host, without ever asking DNS. */
final class IpLiteral {

  private static final Pattern DOTTED_QUAD =
      Pattern.compile(
          "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

  /** Labels made only of digits, or hex/octal-looking numbers: an IPv4 address in disguise. */
  private static final Pattern NUMERIC_HOST =
      Pattern.compile("(0x[0-9a-f]*|\\d+)(\\.(0x[0-9a-f]*|\\d+))*\\.?");

  private IpLiteral() {}

  /**
   * The address when {@code host} is an IP literal, empty when it is a name.
   *
   * @throws IllegalArgumentException for an ambiguous numeric form (decimal, octal, hex or short
   *     IPv4 such as {@code 2130706433} or {@code 0x7f.1}) that resolvers read differently
   */
  static Optional<InetAddress> parse(String host) {
    try {
      if (host.startsWith("[") && host.endsWith("]")) {
        return Optional.of(InetAddress.getByName(host.substring(1, host.length() - 1)));
      }
      if (DOTTED_QUAD.matcher(host).matches()) {
        return Optional.of(InetAddress.getByAddress(quad(host)));
      }
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("host '" + host + "' is not a valid IP address");
    }
    if (NUMERIC_HOST.matcher(host).matches()) {
      throw new IllegalArgumentException(
          "host '" + host + "' is a non-canonical IPv4 address; write it as a.b.c.d");
    }
    return Optional.empty();
  }

  private static byte[] quad(String host) {
    String[] parts = host.split("\\.");
    byte[] address = new byte[4];
    for (int i = 0; i < 4; i++) {
      address[i] = (byte) Integer.parseInt(parts[i]);
    }
    return address;
  }
}
