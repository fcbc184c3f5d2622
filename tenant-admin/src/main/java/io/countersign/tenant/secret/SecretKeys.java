package io.countersign.tenant.secret;

import java.util.Base64;

/** Decodes a configured secrets key without ever echoing it. */
final class SecretKeys {

  private SecretKeys() {}

  /** Decodes base64 (standard or URL-safe) text into a 32-byte key. */
  static byte[] decode(String text, String origin) {
    byte[] key;
    try {
      key =
          text.indexOf('-') >= 0 || text.indexOf('_') >= 0
              ? Base64.getUrlDecoder().decode(text)
              : Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(origin + " is not base64");
    }
    if (key.length != SecretBox.KEY_BYTES) {
      throw new IllegalStateException(
          origin
              + " must decode to "
              + SecretBox.KEY_BYTES
              + " bytes, got "
              + key.length
              + " (generate one with: openssl rand -base64 32)");
    }
    return key;
  }
}
