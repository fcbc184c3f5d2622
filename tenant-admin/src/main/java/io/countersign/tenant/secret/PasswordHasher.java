package io.countersign.tenant.secret;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Member passwords: PBKDF2-HMAC-SHA256 with 210,000 iterations and a 16-byte salt (OWASP Password
 * Storage Cheat Sheet), encoded as {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (base64, no
 * padding) so the cost can be raised later without invalidating stored hashes.
 */
public final class PasswordHasher {

  public static final int ITERATIONS = 210_000;

  private static final String SCHEME = "pbkdf2-sha256";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  private static final int MAX_ITERATIONS =
      10_000_000; // a stored value cannot make us spin forever
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();

  /** Hashes a password with a fresh salt. */
  public String hash(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] hash = pbkdf2(password, salt, ITERATIONS);
    return String.join(
        "$",
        SCHEME,
        Integer.toString(ITERATIONS),
        ENCODER.encodeToString(salt),
        ENCODER.encodeToString(hash));
  }

  /** True when {@code password} matches {@code encoded}; false for any malformed encoding. */
  public boolean verify(char[] password, String encoded) {
    String[] parts = encoded.split("\\$", -1);
    if (parts.length != 4 || !SCHEME.equals(parts[0])) {
      return false;
    }
    try {
      int iterations = Integer.parseInt(parts[1]);
      if (iterations < 1 || iterations > MAX_ITERATIONS) {
        return false;
      }
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] expected = Base64.getDecoder().decode(parts[3]);
      byte[] actual = pbkdf2(password, salt, iterations);
      return MessageDigest.isEqual(expected, actual);
    } catch (IllegalArgumentException malformed) { // also NumberFormatException
      return false;
    }
  }

  /** True when {@code encoded} was made with fewer iterations than today's standard. */
  public boolean needsRehash(String encoded) {
    String[] parts = encoded.split("\\$", -1);
    try {
      return parts.length != 4 || Integer.parseInt(parts[1]) < ITERATIONS;
    } catch (NumberFormatException e) {
      return true;
    }
  }

  private static byte[] pbkdf2(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
    } finally {
      spec.clearPassword();
    }
  }
}
