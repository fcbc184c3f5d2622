package io.countersign.tenant.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Client secrets: 32 random bytes (base64url, 43 characters), shown once when issued; only their
 * SHA-256 is stored. High-entropy secrets need no slow hash; comparison is constant-time.
 */
public final class ClientSecrets {

  private static final SecureRandom RANDOM = new SecureRandom();

  private ClientSecrets() {}

  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static String hash(String secret) {
    return HexFormat.of().formatHex(sha256(secret));
  }

  /** Whether {@code presented} is the secret whose hash is {@code storedHash}, in constant time. */
  public static boolean matches(String presented, String storedHash) {
    byte[] expected;
    try {
      expected = HexFormat.of().parseHex(storedHash);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(sha256(presented), expected);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
