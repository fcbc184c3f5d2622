package io.countersign.tenant.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address block such as {@code 10.0.0.0/8} or {@code fc00::/7}. */
record Cidr(byte[] network, int bits, String text) {

  static Cidr of(String text) {
    int slash = text.indexOf('/');
    try {
      byte[] network = InetAddress.getByName(text.substring(0, slash)).getAddress();
      if (text.indexOf(':') >= 0 && network.length == 4) {
        // Java reads ::ffff:a.b.c.d as IPv4; keep the IPv6 form that was written
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(network, 0, mapped, 12, 4);
        network = mapped;
      }
      return new Cidr(network, Integer.parseInt(text.substring(slash + 1)), text);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an address block: " + text, e);
    }
  }

  boolean contains(byte[] address) {
    if (address.length != network.length) {
      return false;
    }
    int full = bits / 8;
    for (int i = 0; i < full; i++) {
      if (address[i] != network[i]) {
        return false;
      }
    }
    int rest = bits % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (address[full] & mask) == (network[full] & mask);
  }

  @Override
  public String toString() {
    return text;
  }
}
