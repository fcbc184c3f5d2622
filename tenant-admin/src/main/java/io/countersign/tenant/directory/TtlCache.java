package io.countersign.tenant.directory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A small thread-safe cache whose entries expire after a fixed time. Bounded: when full, expired
 * entries are dropped, and if that is not enough, everything (a miss only costs a query).
 */
final class TtlCache<K, V> {

  private record Entry<V>(V value, long expiresAtNanos) {}

  private final long ttlNanos;
  private final int maxEntries;
  private final LongSupplier nanoClock;
  private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

  TtlCache(Duration ttl, int maxEntries, LongSupplier nanoClock) {
    this.ttlNanos = ttl.toNanos();
    this.maxEntries = maxEntries;
    this.nanoClock = nanoClock;
  }

  /** The cached value, or the loaded one (cached unless the time to live is zero). */
  V get(K key, Supplier<V> loader) {
    long now = nanoClock.getAsLong();
    Entry<V> entry = entries.get(key);
    if (entry != null && now - entry.expiresAtNanos() < 0) {
      return entry.value();
    }
    V value = loader.get();
    if (ttlNanos > 0) {
      if (entries.size() >= maxEntries) {
        entries.values().removeIf(e -> now - e.expiresAtNanos() >= 0);
        if (entries.size() >= maxEntries) {
          entries.clear();
        }
      }
      entries.put(key, new Entry<>(value, now + ttlNanos));
    }
    return value;
  }

  void invalidateIf(Predicate<K> which) {
    entries.keySet().removeIf(which);
  }

  int size() {
    return entries.size();
  }
}
