package io.countersign.verifier.note;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Objects;

/**
 * A public key that may sign notes, in the C2SP verifier key form {@code <name>+<hex key
 * ID>+<base64(0x01 || 32-byte Ed25519 public key)>}. This is what a log publishes and what an
 * auditor pins.
 */
public final class VerifierKey {

  /** C2SP signed-note signature type of Ed25519. */
  static final byte ED25519 = 0x01;

  private final String name;
  private final int keyId;
  private final byte[] rawPublicKey;
  private final PublicKey publicKey;

  private VerifierKey(String name, byte[] rawPublicKey) {
    this.name = requireKeyName(name);
    this.rawPublicKey = rawPublicKey.clone();
    this.publicKey = Ed25519Keys.publicKey(this.rawPublicKey);
    this.keyId = keyId(name, this.rawPublicKey);
  }

  /** The verifier key of an Ed25519 public key under {@code name}. */
  public static VerifierKey ed25519(String name, PublicKey key) {
    return new VerifierKey(name, Ed25519Keys.rawPublicKey(key));
  }

  /** The verifier key of a raw 32-byte Ed25519 public key under {@code name}. */
  public static VerifierKey ed25519(String name, byte[] rawPublicKey) {
    return new VerifierKey(name, rawPublicKey);
  }

  /**
   * Parses {@code <name>+<hex key ID>+<base64 key>} strictly: an Ed25519 key, eight lowercase hex
   * digits, and a key ID that really is the one of that name and key.
   */
  public static VerifierKey parse(String encoded) {
    int first = encoded.indexOf('+');
    int second = first < 0 ? -1 : encoded.indexOf('+', first + 1);
    if (second < 0) {
      throw new IllegalArgumentException("a verifier key is <name>+<hex key ID>+<base64 key>");
    }
    String hexId = encoded.substring(first + 1, second);
    if (!hexId.matches("[0-9a-f]{8}")) {
      throw new IllegalArgumentException("key ID must be 8 lowercase hex digits: " + hexId);
    }
    byte[] typeAndKey = StrictBase64.decode(encoded.substring(second + 1), "verifier key");
    if (typeAndKey.length != 1 + Ed25519Keys.KEY_SIZE || typeAndKey[0] != ED25519) {
      throw new IllegalArgumentException("only Ed25519 verifier keys (type 0x01) are supported");
    }
    VerifierKey key =
        new VerifierKey(encoded.substring(0, first), Arrays.copyOfRange(typeAndKey, 1, 33));
    if (key.keyId != Integer.parseUnsignedInt(hexId, 16)) {
      throw new IllegalArgumentException("key ID " + hexId + " is not the ID of this name and key");
    }
    return key;
  }

  /**
   * C2SP: key ID = SHA-256(key name || 0x0A || 0x01 || 32-byte Ed25519 public key)[:4], big-endian.
   */
  public static int keyId(String name, byte[] rawPublicKey) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(name.getBytes(StandardCharsets.UTF_8));
      sha256.update((byte) '\n');
      sha256.update(ED25519);
      sha256.update(rawPublicKey);
      byte[] hash = sha256.digest();
      return (hash[0] & 0xff) << 24
          | (hash[1] & 0xff) << 16
          | (hash[2] & 0xff) << 8
          | hash[3] & 0xff;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** C2SP: key names are non-empty, without Unicode spaces, plus signs or control characters. */
  static String requireKeyName(String name) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("key name is empty");
    }
    boolean bad =
        name.codePoints()
            .anyMatch(
                c -> c == '+' || c < 0x20 || Character.isWhitespace(c) || Character.isSpaceChar(c));
    if (bad) {
      throw new IllegalArgumentException("key name has a space, '+' or control character: " + name);
    }
    return name;
  }

  boolean verify(byte[] message, byte[] signature) {
    return Ed25519Keys.verify(publicKey, message, signature);
  }

  public String name() {
    return name;
  }

  public int keyId() {
    return keyId;
  }

  public String keyIdHex() {
    return String.format("%08x", keyId);
  }

  public byte[] rawPublicKey() {
    return rawPublicKey.clone();
  }

  /** The C2SP verifier key string. */
  public String encoded() {
    byte[] typeAndKey = new byte[1 + rawPublicKey.length];
    typeAndKey[0] = ED25519;
    System.arraycopy(rawPublicKey, 0, typeAndKey, 1, rawPublicKey.length);
    return name + "+" + keyIdHex() + "+" + StrictBase64.encode(typeAndKey);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof VerifierKey that
        && name.equals(that.name)
        && Arrays.equals(rawPublicKey, that.rawPublicKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, keyId);
  }

  @Override
  public String toString() {
    return encoded();
  }
}
