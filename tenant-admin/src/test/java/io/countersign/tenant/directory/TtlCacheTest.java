package io.countersign.tenant.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TtlCacheTest {

  private final AtomicLong clock = new AtomicLong();
  private final AtomicInteger loads = new AtomicInteger();

  @Test
  void getWhenWithinTimeToLiveThenLoadedOnce() {
    TtlCache<String, Integer> cache = new TtlCache<>(Duration.ofSeconds(5), 10, clock::get);

    cache.get("a", loads::incrementAndGet);
    clock.addAndGet(Duration.ofSeconds(4).toNanos());
    int value = cache.get("a", loads::incrementAndGet);

    assertEquals(1, value);
    assertEquals(1, loads.get());
  }

  @Test
  void getWhenExpiredThenLoadedAgain() {
    TtlCache<String, Integer> cache = new TtlCache<>(Duration.ofSeconds(5), 10, clock::get);

    cache.get("a", loads::incrementAndGet);
    clock.addAndGet(Duration.ofSeconds(5).toNanos());

    assertEquals(2, cache.get("a", loads::incrementAndGet));
  }

  @Test
  void getWhenTimeToLiveZeroThenNeverCached() {
    TtlCache<String, Integer> cache = new TtlCache<>(Duration.ZERO, 10, clock::get);

    cache.get("a", loads::incrementAndGet);

    assertEquals(2, cache.get("a", loads::incrementAndGet));
    assertEquals(0, cache.size());
  }

  @Test
  void invalidateIfWhenMatchingThenOnlyThoseReloaded() {
    TtlCache<String, Integer> cache = new TtlCache<>(Duration.ofSeconds(5), 10, clock::get);
    cache.get("acme\u0000k1", () -> 1);
    cache.get("other\u0000k1", () -> 2);

    cache.invalidateIf(key -> key.startsWith("acme\u0000"));

    assertEquals(10, cache.get("acme\u0000k1", () -> 10));
    assertEquals(2, cache.get("other\u0000k1", () -> 20));
  }

  @Test
  void getWhenFullThenBoundedBySize() {
    TtlCache<Integer, Integer> cache = new TtlCache<>(Duration.ofSeconds(5), 3, clock::get);

    for (int i = 0; i < 10; i++) {
      cache.get(i, () -> 0);
    }

    assertEquals(true, cache.size() <= 3);
  }
}
