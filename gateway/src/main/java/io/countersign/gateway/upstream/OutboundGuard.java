package io.countersign.gateway.upstream;

import java.net.URI;
import java.util.Optional;

/**
 * Checks an upstream URL's resolved addresses just before connecting (SSRF protection that also
 * defeats DNS rebinding after import-time validation).
 */
public interface OutboundGuard {

  /** Empty when the gateway may connect; otherwise why not. */
  Optional<UpstreamFailure> check(URI url);
}
