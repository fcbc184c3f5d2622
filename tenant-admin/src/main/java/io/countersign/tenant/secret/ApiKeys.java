package io.countersign.tenant.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Agent API keys: {@code cs_<prefix>_<secret>}. The prefix (12 lowercase base32 characters) is
 * public and indexes the key; the secret (32 random bytes, base64url without padding) is stored
 * only as its SHA-256, which suffices for 256 random bits (no password stretching needed).
 */
public final class ApiKeys {

  static final String SCHEME = "cs";
  static final int PREFIX_LENGTH = 12;
  static final int SECRET_BYTES = 32;
  static final int SECRET_LENGTH = 43; // base64url of 32 bytes, unpadded

  private static final String BASE32 =
      "abcdefghijklmnopqrstuvwxyz234567"; // RFC 4648 §6, lower case
  private static final String SHAPE = "cs_<12 characters a-z 2-7>_<43 characters base64url>";
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeys() {}

  /** A new random key. */
  public static PresentedKey generate() {
    StringBuilder prefix = new StringBuilder(PREFIX_LENGTH);
    for (int i = 0; i < PREFIX_LENGTH; i++) {
      prefix.append(BASE32.charAt(RANDOM.nextInt(BASE32.length())));
    }
    byte[] secret = new byte[SECRET_BYTES];
    RANDOM.nextBytes(secret);
    return new PresentedKey(
        prefix.toString(), Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
  }

  /** The key a client presented, when it has the right shape; empty otherwise. */
  public static Optional<PresentedKey> parse(String presented) {
    if (presented == null || formatError(presented).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(split(presented));
  }

  /**
   * A caller-supplied key (e.g. {@code COUNTERSIGN_DEMO_AGENT_KEY}).
   *
   * @throws IllegalArgumentException saying precisely what is wrong with its shape
   */
  public static PresentedKey require(String key) {
    formatError(key)
        .ifPresent(
            error -> {
              throw new IllegalArgumentException("API key must look like " + SHAPE + ": " + error);
            });
    return split(key);
  }

  /** True when the presented secret hashes to {@code storedHash}; compares in constant time. */
  public static boolean matches(PresentedKey key, String storedHash) {
    return MessageDigest.isEqual(
        key.secretHash().getBytes(StandardCharsets.US_ASCII),
        storedHash.getBytes(StandardCharsets.US_ASCII));
  }

  /** Hex SHA-256 of a secret part. */
  public static String hash(String secret) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(secret.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  private static PresentedKey split(String key) {
    int start = SCHEME.length() + 1;
    return new PresentedKey(
        key.substring(start, start + PREFIX_LENGTH), key.substring(start + PREFIX_LENGTH + 1));
  }

  // The messages never echo the secret part.
  private static Optional<String> formatError(String key) {
    if (key == null || key.isEmpty()) {
      return Optional.of("the key is empty");
    }
    if (!key.startsWith(SCHEME + "_")) {
      return Optional.of("it does not start with 'cs_'");
    }
    int start = SCHEME.length() + 1;
    int separator = key.indexOf('_', start);
    if (separator < 0) {
      return Optional.of("there is no '_' between the prefix and the secret");
    }
    String prefix = key.substring(start, separator);
    if (prefix.length() != PREFIX_LENGTH) {
      return Optional.of(
          "the prefix has " + prefix.length() + " characters, expected " + PREFIX_LENGTH);
    }
    for (char c : prefix.toCharArray()) {
      if (BASE32.indexOf(c) < 0) {
        return Optional.of("the prefix contains '" + c + "', expected only a-z and 2-7");
      }
    }
    return secretError(key.substring(separator + 1));
  }

  private static Optional<String> secretError(String secret) {
    if (secret.length() != SECRET_LENGTH) {
      return Optional.of(
          "the secret has " + secret.length() + " characters, expected " + SECRET_LENGTH);
    }
    for (char c : secret.toCharArray()) {
      boolean base64url =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!base64url) {
        return Optional.of("the secret contains a character outside base64url (A-Z a-z 0-9 - _)");
      }
    }
    return Optional.empty();
  }
}
