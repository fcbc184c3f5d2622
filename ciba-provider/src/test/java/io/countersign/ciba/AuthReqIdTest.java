package io.countersign.ciba;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthReqIdTest {

  @Test
  void generateWhenCalledThen256BitsInTheSpecCharset() {
    AuthReqId id = AuthReqId.generate(new SecureRandom());

    assertTrue(AuthReqId.RANDOM_BYTES * 8 >= 128);
    assertEquals(43, id.value().length());
    assertTrue(id.value().matches("[A-Za-z0-9._-]+"), id.value());
  }

  @Test
  void generateWhenCalledManyTimesThenAllDifferent() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertTrue(seen.add(AuthReqId.generate().value()));
    }
  }

  @Test
  void parseWhenGeneratedValueThenSameId() {
    AuthReqId id = AuthReqId.generate();

    assertEquals(Optional.of(id), AuthReqId.parse(id.value()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc.DEF_123-x", "1", "a.b.c"})
  void parseWhenOtherValueInCharsetThenAccepted(String presented) {
    assertEquals(presented, AuthReqId.parse(presented).orElseThrow().value());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "has space", "slash/", "plus+", "equals=", "ünïcode", "new\nline"})
  void parseWhenOutsideCharsetThenEmpty(String presented) {
    assertEquals(Optional.empty(), AuthReqId.parse(presented));
  }

  @Test
  void parseWhenTooLongOrNullThenEmpty() {
    assertTrue(AuthReqId.parse("a".repeat(AuthReqId.MAX_LENGTH)).isPresent());
    assertEquals(Optional.empty(), AuthReqId.parse("a".repeat(AuthReqId.MAX_LENGTH + 1)));
    assertEquals(Optional.empty(), AuthReqId.parse(null));
  }

  @Test
  void sha256WhenKnownValueThenLowercaseHexSha256() {
    // printf '%s' 'abc' | sha256sum
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        AuthReqId.parse("abc").orElseThrow().sha256());
  }

  @Test
  void matchesWhenStoredHashOfSameIdThenTrueElseFalse() {
    AuthReqId id = AuthReqId.generate();
    String stored = id.sha256();

    assertTrue(id.matches(stored));
    assertFalse(AuthReqId.generate().matches(stored));
    assertFalse(id.matches(stored.toUpperCase()));
    assertFalse(id.matches(null));
  }

  @Test
  void constantTimeEqualsWhenComparedThenPlainEquality() {
    assertTrue(AuthReqId.constantTimeEquals("abc", "abc"));
    assertFalse(AuthReqId.constantTimeEquals("abc", "abd"));
    assertFalse(AuthReqId.constantTimeEquals("abc", "abcd"));
    assertFalse(AuthReqId.constantTimeEquals(null, "abc"));
  }

  @Test
  void toStringWhenPrintedThenValueNotShown() {
    AuthReqId id = AuthReqId.generate();

    assertFalse(id.toString().contains(id.value()));
    assertTrue(id.toString().startsWith("AuthReqId[sha256=" + id.sha256().substring(0, 12)));
  }

  @Test
  void equalsWhenSameValueThenEqual() {
    AuthReqId id = AuthReqId.generate();

    assertEquals(id, AuthReqId.parse(id.value()).orElseThrow());
    assertEquals(id.hashCode(), AuthReqId.parse(id.value()).orElseThrow().hashCode());
    assertNotEquals(id, AuthReqId.generate());
  }
}
