package io.countersign.ciba.delivery;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Resolves a host name to the addresses a connection may go to; a seam for tests. */
@FunctionalInterface
public interface HostResolver {

  /** Every address {@code host} resolves to (an IP literal resolves to itself). */
  InetAddress[] resolve(String host) throws UnknownHostException;

  /**
   * The JDK's resolver, whose answers the JVM caches ({@code networkaddress.cache.ttl}, 30 s by
   * default): the same cache {@link java.net.http.HttpClient} reads when it connects.
   */
  static HostResolver system() {
    return InetAddress::getAllByName;
  }
}
