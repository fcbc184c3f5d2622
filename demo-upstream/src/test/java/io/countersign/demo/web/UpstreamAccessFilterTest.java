package io.countersign.demo.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UpstreamAccessFilterTest {

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "::1", "0:0:0:0:0:0:0:1"})
  void isLoopbackWhenLoopbackAddressThenTrue(String address) {
    assertTrue(UpstreamAccessFilter.isLoopback(address));
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.7", "192.168.1.20", "::2", "fe80::1", "localhost", "", "8.8.8.8"})
  void isLoopbackWhenRemoteOrNotAnIpLiteralThenFalse(String address) {
    assertFalse(UpstreamAccessFilter.isLoopback(address));
  }

  @Test
  void isLoopbackWhenNullThenFalse() {
    assertFalse(UpstreamAccessFilter.isLoopback(null));
  }

  @Test
  void bearerMatchesOnlyTheConfiguredToken() {
    UpstreamAccessFilter filter = new UpstreamAccessFilter(Optional.of("s3cret-token"));

    assertTrue(filter.bearerMatches("Bearer s3cret-token"));
    assertTrue(filter.bearerMatches("bearer s3cret-token"));
    assertFalse(filter.bearerMatches("Bearer s3cret-toke"));
    assertFalse(filter.bearerMatches("Bearer s3cret-token-and-more"));
    assertFalse(filter.bearerMatches("Basic s3cret-token"));
    assertFalse(filter.bearerMatches("Bearer "));
    assertFalse(filter.bearerMatches("s3cret-token"));
    assertFalse(filter.bearerMatches(null));
  }
}
