package io.countersign.tenant.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

  private final PasswordHasher hasher = new PasswordHasher();

  @Test
  void hashWhenCalledThenEncodedWithSchemeIterationsSaltAndHash() {
    String[] parts = hasher.hash("correct horse".toCharArray()).split("\\$");

    assertEquals(4, parts.length);
    assertEquals("pbkdf2-sha256", parts[0]);
    assertEquals("210000", parts[1]);
    assertEquals(22, parts[2].length()); // 16 bytes, base64 without padding
    assertEquals(43, parts[3].length()); // 32 bytes
  }

  @Test
  void verifyWhenSamePasswordThenTrueAndOtherPasswordFalse() {
    String encoded = hasher.hash("correct horse".toCharArray());

    assertTrue(hasher.verify("correct horse".toCharArray(), encoded));
    assertFalse(hasher.verify("correct horsf".toCharArray(), encoded));
  }

  @Test
  void hashWhenSamePasswordTwiceThenSaltsDiffer() {
    assertNotEquals(hasher.hash("pw".toCharArray()), hasher.hash("pw".toCharArray()));
  }

  @Test
  void verifyWhenEncodingMalformedThenFalse() {
    assertFalse(hasher.verify("pw".toCharArray(), "plain"));
    assertFalse(hasher.verify("pw".toCharArray(), "bcrypt$1$AA$AA"));
    assertFalse(hasher.verify("pw".toCharArray(), "pbkdf2-sha256$many$AA$AA"));
    assertFalse(hasher.verify("pw".toCharArray(), "pbkdf2-sha256$999999999$AA$AA"));
    assertFalse(hasher.verify("pw".toCharArray(), "pbkdf2-sha256$1000$!!$AA"));
  }

  @Test
  void needsRehashWhenFewerIterationsThenTrue() {
    assertTrue(hasher.needsRehash("pbkdf2-sha256$1000$AA$AA"));
    assertFalse(hasher.needsRehash(hasher.hash("pw".toCharArray())));
  }
}
