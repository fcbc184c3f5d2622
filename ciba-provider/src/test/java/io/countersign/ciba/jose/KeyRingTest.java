package io.countersign.ciba.jose;

import static io.countersign.ciba.jose.TestJwts.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWK;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyRingTest {

  private static final Duration LIFETIME = Duration.ofMinutes(10);
  private static final Instant EARLIER = NOW.minus(Duration.ofDays(30));

  private final ProviderKey oldEs = TestJwts.PROVIDER_ES256;
  private final ProviderKey newEs = ProviderKey.generate(SigningAlgorithm.ES256);
  private final ProviderKey ps = TestJwts.PROVIDER_PS256;

  @Test
  void emptyRingHasNoActiveKeyAndPublishesNothing() {
    assertEquals(Optional.empty(), KeyRing.empty().active(SigningAlgorithm.ES256));
    assertTrue(KeyRing.empty().publicSet(NOW).getKeys().isEmpty());
  }

  @Test
  void activeKeyIsTheNewestNotRetiredOfItsAlgorithm() {
    ProviderKey newest = ProviderKey.generate(SigningAlgorithm.ES256);
    KeyRing ring =
        new KeyRing(
            List.of(
                KeyRing.Entry.active(oldEs, EARLIER),
                KeyRing.Entry.active(newEs, EARLIER.plusSeconds(60)),
                new KeyRing.Entry(newest, NOW, Optional.of(NOW), Optional.empty()),
                KeyRing.Entry.active(ps, NOW)));
    assertEquals(Optional.of(newEs), ring.active(SigningAlgorithm.ES256));
    assertEquals(Optional.of(ps), ring.active(SigningAlgorithm.PS256));
  }

  @Test
  void rotationRetiresTheOldKeyAndActivatesTheFreshOne() {
    KeyRing ring = new KeyRing(List.of(KeyRing.Entry.active(oldEs, EARLIER)));
    KeyRing.Rotation rotation = ring.rotate(SigningAlgorithm.ES256, newEs, NOW, LIFETIME);

    assertEquals(KeyRing.Entry.active(newEs, NOW), rotation.added());
    assertEquals(
        List.of(
            new KeyRing.Entry(oldEs, EARLIER, Optional.of(NOW), Optional.of(NOW.plus(LIFETIME)))),
        rotation.retired());
    assertEquals(Optional.of(newEs), rotation.keyRing().active(SigningAlgorithm.ES256));
    assertEquals(1, ring.entries().size(), "rotation leaves the original ring unchanged");
  }

  @Test
  void retiredKeyStaysPublishedUntilItsTokensExpire() {
    KeyRing ring =
        new KeyRing(List.of(KeyRing.Entry.active(oldEs, EARLIER)))
            .rotate(SigningAlgorithm.ES256, newEs, NOW, LIFETIME)
            .keyRing();

    assertEquals(List.of(newEs.kid(), oldEs.kid()), kids(ring, NOW.plus(LIFETIME).minusSeconds(1)));
    assertEquals(List.of(newEs.kid()), kids(ring, NOW.plus(LIFETIME)));
  }

  @Test
  void tokenSignedBeforeRotationVerifiesUntilItExpires() {
    KeyRing ring = new KeyRing(List.of(KeyRing.Entry.active(oldEs, EARLIER)));
    MintedAccessToken token =
        new TokenMinter("https://as.example", ring.active(SigningAlgorithm.ES256).orElseThrow())
            .clientCredentialsToken(
                "agent", "agent", "https://gw.example", Optional.empty(), LIFETIME, NOW);
    KeyRing rotated = ring.rotate(SigningAlgorithm.ES256, newEs, NOW, LIFETIME).keyRing();

    Instant justBeforeExpiry = token.expiresAt().minusSeconds(1);
    assertInstanceOf(
        TokenCheck.Valid.class,
        AccessTokenVerifier.verify(
            token.value(),
            "https://as.example",
            "https://gw.example",
            rotated.publicSet(justBeforeExpiry),
            justBeforeExpiry));
  }

  @Test
  void rotationLeavesTheOtherAlgorithmAndRetiredKeysAlone() {
    ProviderKey retiredLongAgo = ProviderKey.generate(SigningAlgorithm.ES256);
    KeyRing.Entry longAgo =
        new KeyRing.Entry(
            retiredLongAgo, EARLIER, Optional.of(EARLIER), Optional.of(EARLIER.plus(LIFETIME)));
    KeyRing ring =
        new KeyRing(
            List.of(longAgo, KeyRing.Entry.active(oldEs, EARLIER), KeyRing.Entry.active(ps, NOW)));

    KeyRing.Rotation rotation = ring.rotate(SigningAlgorithm.ES256, newEs, NOW, LIFETIME);

    assertEquals(List.of(oldEs), rotation.retired().stream().map(KeyRing.Entry::key).toList());
    assertTrue(rotation.keyRing().entries().contains(longAgo));
    assertEquals(Optional.of(ps), rotation.keyRing().active(SigningAlgorithm.PS256));
  }

  @Test
  void publishedSetHoldsPublicKeysOnly() {
    KeyRing ring =
        new KeyRing(List.of(KeyRing.Entry.active(oldEs, EARLIER), KeyRing.Entry.active(ps, NOW)));
    for (JWK jwk : ring.publicSet(NOW).getKeys()) {
      assertFalse(jwk.isPrivate());
    }
    assertFalse(ring.publicSet(NOW).toString(false).contains("\"d\""));
    assertEquals(ring.published(NOW).toString(), ring.publicSet(NOW).toString());
  }

  @Test
  void keyWithoutPublishUntilStaysPublished() {
    KeyRing ring =
        new KeyRing(List.of(new KeyRing.Entry(oldEs, EARLIER, Optional.of(NOW), Optional.empty())));
    assertEquals(List.of(oldEs.kid()), kids(ring, NOW.plus(Duration.ofDays(3650))));
  }

  @Test
  void twoKeysWithOneKidAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new KeyRing(
                List.of(KeyRing.Entry.active(oldEs, EARLIER), KeyRing.Entry.active(oldEs, NOW))));
  }

  @Test
  void inconsistentLifecycleIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new KeyRing.Entry(oldEs, EARLIER, Optional.empty(), Optional.of(NOW)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new KeyRing.Entry(oldEs, EARLIER, Optional.of(NOW), Optional.of(EARLIER)));
  }

  @Test
  void rotatingInAKeyOfAnotherAlgorithmIsRefused() {
    KeyRing ring = new KeyRing(List.of(KeyRing.Entry.active(oldEs, EARLIER)));
    assertThrows(
        IllegalArgumentException.class,
        () -> ring.rotate(SigningAlgorithm.ES256, ps, NOW, LIFETIME));
    assertThrows(
        IllegalArgumentException.class,
        () -> ring.rotate(SigningAlgorithm.ES256, oldEs, NOW, LIFETIME),
        "a key already in the ring");
  }

  private static List<String> kids(KeyRing ring, Instant now) {
    return ring.publicSet(now).getKeys().stream().map(JWK::getKeyID).toList();
  }
}
