package io.countersign.ciba.jose;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A tenant's signing keys and where each is in its life: active (signs new tokens), retired but
 * still published (tokens it signed may still be presented), then gone from the JWK set.
 *
 * <p>Immutable; {@link #rotate} returns the changes for the storage layer to persist.
 */
public final class KeyRing {

  /**
   * One key and its lifecycle.
   *
   * @param retiredAt when the key stopped signing; empty while active
   * @param publishUntil when the key leaves the JWK set; empty means published for as long as it is
   *     kept. Set only on retired keys, and never before they retired.
   */
  public record Entry(
      ProviderKey key,
      Instant createdAt,
      Optional<Instant> retiredAt,
      Optional<Instant> publishUntil) {

    public Entry {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(createdAt, "createdAt");
      Objects.requireNonNull(retiredAt, "retiredAt");
      Objects.requireNonNull(publishUntil, "publishUntil");
      if (publishUntil.isPresent() && retiredAt.isEmpty()) {
        throw new IllegalArgumentException("key " + key.kid() + " is active but has publishUntil");
      }
      if (publishUntil.isPresent() && publishUntil.get().isBefore(retiredAt.get())) {
        throw new IllegalArgumentException("key " + key.kid() + " unpublished before it retired");
      }
    }

    /** A key that signs from {@code createdAt} on. */
    public static Entry active(ProviderKey key, Instant createdAt) {
      return new Entry(key, createdAt, Optional.empty(), Optional.empty());
    }

    public boolean retired() {
      return retiredAt.isPresent();
    }

    /** Whether the key is in the JWK set at {@code now}. */
    public boolean publishedAt(Instant now) {
      return publishUntil.map(now::isBefore).orElse(true);
    }

    Entry retire(Instant now, Duration longestTokenLifetime) {
      return new Entry(
          key, createdAt, Optional.of(now), Optional.of(now.plus(longestTokenLifetime)));
    }
  }

  /**
   * The outcome of a rotation.
   *
   * @param added the fresh key, active from the rotation on
   * @param retired the keys of the same algorithm that this rotation retired, with their new {@code
   *     retiredAt} and {@code publishUntil}
   * @param keyRing the ring after the rotation
   */
  public record Rotation(Entry added, List<Entry> retired, KeyRing keyRing) {
    public Rotation {
      retired = List.copyOf(retired);
    }
  }

  private final List<Entry> entries;

  /** A ring of {@code entries}; refuses two entries with one {@code kid}. */
  public KeyRing(Collection<Entry> entries) {
    this.entries = List.copyOf(entries);
    Set<String> kids = new HashSet<>();
    for (Entry entry : this.entries) {
      if (!kids.add(entry.key().kid())) {
        throw new IllegalArgumentException("two keys share kid " + entry.key().kid());
      }
    }
  }

  public static KeyRing empty() {
    return new KeyRing(List.of());
  }

  public List<Entry> entries() {
    return entries;
  }

  /** The key that signs new tokens with {@code alg}: the newest one not retired. */
  public Optional<ProviderKey> active(SigningAlgorithm alg) {
    return entries.stream()
        .filter(e -> !e.retired() && e.key().alg() == alg)
        .max(Comparator.comparing(Entry::createdAt))
        .map(Entry::key);
  }

  /**
   * The public keys relying parties may verify with at {@code now}: every key whose {@code
   * publishUntil} is empty or still ahead, so that a retired key stays published until the tokens
   * it signed have expired. Newest first.
   */
  public JWKSet published(Instant now) {
    List<JWK> keys =
        entries.stream()
            .filter(e -> e.publishedAt(now))
            .sorted(Comparator.comparing(Entry::createdAt).reversed())
            .map(e -> e.key().publicJwk())
            .toList();
    return new JWKSet(keys);
  }

  /**
   * The document {@code /jwks.json} serves at {@code now} (RFC 7517 section 5): {@link #published}.
   */
  public JWKSet publicSet(Instant now) {
    return published(now);
  }

  /**
   * Makes {@code fresh} the active {@code alg} key at {@code now} and retires the active keys of
   * {@code alg}: they stop signing at once and stay published until {@code now +
   * longestTokenLifetime}, when the last token they signed has expired. Keys of the other algorithm
   * and keys already retired are left as they are.
   *
   * <p>The fresh key is used at once, so a relying party meets its {@code kid} before its cached
   * JWK set does; relying parties refetch the set on an unknown {@code kid} (OIDC Core section
   * 10.1.1).
   *
   * @param longestTokenLifetime the longest lifetime of any token the provider signs; add any clock
   *     skew the relying parties allow on {@code exp}
   */
  public Rotation rotate(
      SigningAlgorithm alg, ProviderKey fresh, Instant now, Duration longestTokenLifetime) {
    if (fresh.alg() != alg) {
      throw new IllegalArgumentException("fresh key " + fresh.kid() + " is not an " + alg + " key");
    }
    if (entries.stream().anyMatch(e -> e.key().kid().equals(fresh.kid()))) {
      throw new IllegalArgumentException("key " + fresh.kid() + " is already in the ring");
    }
    if (longestTokenLifetime.isNegative()) {
      throw new IllegalArgumentException("longestTokenLifetime is negative");
    }
    Entry added = Entry.active(fresh, now);
    List<Entry> retired = new ArrayList<>();
    List<Entry> after = new ArrayList<>();
    for (Entry entry : entries) {
      if (!entry.retired() && entry.key().alg() == alg) {
        Entry retiring = entry.retire(now, longestTokenLifetime);
        retired.add(retiring);
        after.add(retiring);
      } else {
        after.add(entry);
      }
    }
    after.add(added);
    return new Rotation(added, retired, new KeyRing(after));
  }
}
