package io.countersign.tenant.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

  private static final String SECRET = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"; // 43 chars
  private static final String KEY = "cs_abcdefgh2345_" + SECRET;

  @Test
  void generateWhenCalledThenKeyHasDocumentedShape() {
    PresentedKey key = ApiKeys.generate();

    assertTrue(key.plaintext().matches("cs_[a-z2-7]{12}_[A-Za-z0-9_-]{43}"), key.plaintext());
    assertEquals(Optional.of(key), ApiKeys.parse(key.plaintext()));
  }

  @Test
  void generateWhenCalledTwiceThenDifferentPrefixesAndSecrets() {
    PresentedKey a = ApiKeys.generate();
    PresentedKey b = ApiKeys.generate();

    assertFalse(a.prefix().equals(b.prefix()) || a.secret().equals(b.secret()));
  }

  @Test
  void parseWhenSecretContainsUnderscoresThenSplitsAtThePrefix() {
    String secret = "_a_b-c" + SECRET.substring(6);

    PresentedKey key = ApiKeys.parse("cs_abcdefgh2345_" + secret).orElseThrow();

    assertEquals("abcdefgh2345", key.prefix());
    assertEquals(secret, key.secret());
  }

  @Test
  void parseWhenMalformedThenEmpty() {
    assertEquals(Optional.empty(), ApiKeys.parse(null));
    assertEquals(Optional.empty(), ApiKeys.parse(""));
    assertEquals(Optional.empty(), ApiKeys.parse("Bearer " + KEY));
    assertEquals(Optional.empty(), ApiKeys.parse(KEY + "A"));
    assertEquals(Optional.empty(), ApiKeys.parse("cs_ABCDEFGH2345_" + SECRET));
  }

  @Test
  void matchesWhenSameSecretThenTrueOtherwiseFalse() {
    PresentedKey key = ApiKeys.parse(KEY).orElseThrow();
    String stored = ApiKeys.hash(SECRET);

    assertTrue(ApiKeys.matches(key, stored));
    assertFalse(ApiKeys.matches(new PresentedKey(key.prefix(), "B" + SECRET.substring(1)), stored));
  }

  @Test
  void hashWhenCalledThenHexSha256() {
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeys.hash("abc"));
  }

  @Test
  void requireWhenWellFormedThenPresentedKey() {
    assertEquals(new PresentedKey("abcdefgh2345", SECRET), ApiKeys.require(KEY));
  }

  @Test
  void requireWhenPrefixTooShortThenSaysSo() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ApiKeys.require("cs_abc_" + SECRET));

    assertEquals(
        "API key must look like cs_<12 characters a-z 2-7>_<43 characters base64url>: the prefix has 3 characters, expected 12",
        e.getMessage());
  }

  @Test
  void requireWhenEachKindOfMistakeThenPreciseReasonWithoutSecret() {
    assertTrue(message("sk_abcdefgh2345_" + SECRET).endsWith("it does not start with 'cs_'"));
    assertTrue(
        message("cs_abcdefgh2345").endsWith("there is no '_' between the prefix and the secret"));
    assertTrue(
        message("cs_abcdefgh2340_" + SECRET)
            .endsWith("the prefix contains '0', expected only a-z and 2-7"));
    assertTrue(
        message("cs_abcdefgh2345_short").endsWith("the secret has 5 characters, expected 43"));
    assertTrue(
        message("cs_abcdefgh2345_" + SECRET.substring(1) + "+")
            .endsWith("outside base64url (A-Z a-z 0-9 - _)"));
    assertFalse(
        message("cs_abcdefgh2345_" + SECRET.substring(1) + "+").contains(SECRET.substring(1)));
  }

  @Test
  void toStringWhenCalledThenSecretHidden() {
    assertEquals("PresentedKey[abcdefgh2345, secret hidden]", ApiKeys.require(KEY).toString());
  }

  private static String message(String key) {
    return assertThrows(IllegalArgumentException.class, () -> ApiKeys.require(key)).getMessage();
  }
}
