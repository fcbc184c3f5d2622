package io.countersign.gateway.upstream;

import java.net.InetAddress;
import java.net.URI;
import java.util.Optional;
import java.util.function.Function;

/** Outbound guards for tests: fixed answers instead of DNS and the outbound rules. */
public final class TestGuards {

  private TestGuards() {}

  /** Judges each URL with {@code byUrl}; every address a connection resolves is {@code allowed}. */
  public static OutboundGuard of(
      Function<URI, Optional<UpstreamFailure>> byUrl, boolean addressesAllowed) {
    return new OutboundGuard() {
      @Override
      public Optional<UpstreamFailure> check(URI url) {
        return byUrl.apply(url);
      }

      @Override
      public boolean allows(InetAddress address) {
        return addressesAllowed;
      }
    };
  }
}
