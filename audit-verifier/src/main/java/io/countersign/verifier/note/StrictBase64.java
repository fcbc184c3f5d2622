package io.countersign.verifier.note;

import java.util.Base64;

/** RFC 4648 §4 base64 with padding, accepting only the one canonical encoding of each value. */
final class StrictBase64 {

  private StrictBase64() {}

  static byte[] decode(String text, String what) {
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " is not base64", e);
    }
    // The JDK accepts missing padding and stray low bits; a signed text must have one spelling.
    if (!Base64.getEncoder().encodeToString(decoded).equals(text)) {
      throw new IllegalArgumentException(what + " is not canonical padded base64");
    }
    return decoded;
  }

  static String encode(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
