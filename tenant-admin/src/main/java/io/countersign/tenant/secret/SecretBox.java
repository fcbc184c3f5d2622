package io.countersign.tenant.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals small strings (upstream credentials) with AES-256-GCM. A sealed value is base64url(version
 * ‖ nonce ‖ ciphertext ‖ tag) with a random 96-bit nonce (NIST SP 800-38D §8.2.2: random nonces are
 * safe far beyond the number of credentials a deployment will ever seal).
 */
public final class SecretBox {

  /** Key length in bytes: AES-256. */
  public static final int KEY_BYTES = 32;

  private static final byte VERSION = 1;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * One cipher per thread, initialised afresh for every value: looking the transformation up among
   * the security providers costs more than the sealing of a short value itself.
   */
  private static final ThreadLocal<Cipher> CIPHERS =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Cipher.getInstance("AES/GCM/NoPadding");
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("AES-GCM unavailable", e);
            }
          });

  private final SecretKey key;

  private SecretBox(SecretKey key) {
    this.key = key;
  }

  /** A box for a 32-byte key. */
  public static SecretBox withKey(byte[] key) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException(
          "secrets key must be " + KEY_BYTES + " bytes, got " + key.length);
    }
    return new SecretBox(new SecretKeySpec(key.clone(), "AES"));
  }

  /** A fresh random 32-byte key. */
  public static byte[] newKey() {
    byte[] key = new byte[KEY_BYTES];
    RANDOM.nextBytes(key);
    return key;
  }

  /** Seals {@code plaintext}; two seals of the same text differ (random nonce). */
  public String seal(String plaintext) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    byte[] ciphertext =
        crypt(Cipher.ENCRYPT_MODE, nonce, plaintext.getBytes(StandardCharsets.UTF_8));
    ByteBuffer sealed = ByteBuffer.allocate(1 + NONCE_BYTES + ciphertext.length);
    sealed.put(VERSION).put(nonce).put(ciphertext);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed.array());
  }

  /**
   * Opens a value sealed by {@link #seal}.
   *
   * @throws UnreadableSecretException when the value was altered or sealed under another key
   */
  public String open(String sealed) {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(sealed);
    } catch (IllegalArgumentException e) {
      throw new UnreadableSecretException("sealed secret is not base64url", e);
    }
    if (bytes.length < 1 + NONCE_BYTES + TAG_BITS / 8) {
      throw new UnreadableSecretException("sealed secret is truncated");
    }
    if (bytes[0] != VERSION) {
      throw new UnreadableSecretException("sealed secret has unknown version " + bytes[0]);
    }
    byte[] nonce = Arrays.copyOfRange(bytes, 1, 1 + NONCE_BYTES);
    byte[] ciphertext = Arrays.copyOfRange(bytes, 1 + NONCE_BYTES, bytes.length);
    return new String(crypt(Cipher.DECRYPT_MODE, nonce, ciphertext), StandardCharsets.UTF_8);
  }

  private byte[] crypt(int mode, byte[] nonce, byte[] input) {
    try {
      Cipher cipher = CIPHERS.get();
      cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
      // The version byte is authenticated too, so it cannot be swapped.
      cipher.updateAAD(new byte[] {VERSION});
      return cipher.doFinal(input);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new UnreadableSecretException("sealed secret failed authentication", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "SecretBox[key hidden]";
  }
}
