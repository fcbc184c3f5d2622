package io.countersign.gateway.upstream;

import java.net.InetAddress;
import java.net.URI;
import java.util.Optional;

/**
 * Checks an upstream URL's resolved addresses just before connecting, and each address a connection
 * is then made to (SSRF protection that also defeats DNS rebinding after import-time validation).
 */
public interface OutboundGuard {

  /** Empty when the gateway may connect; otherwise why not. */
  Optional<UpstreamFailure> check(URI url);

  /**
   * Whether a connection may go to {@code address}, one the URL's host resolved to as the
   * connection is made: the name is resolved again then, and only what this allows is used.
   */
  boolean allows(InetAddress address);
}
