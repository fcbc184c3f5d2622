package io.countersign.verifier.note;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * Ed25519 (RFC 8032) with the JDK alone: raw 32-byte keys to and from JDK keys, signing and
 * verifying. The raw forms are wrapped in fixed DER prefixes (RFC 8410) instead of using EdECPoint
 * arithmetic.
 */
public final class Ed25519Keys {

  /** Length of a raw public key and of a private key seed. */
  public static final int KEY_SIZE = 32;

  /** Length of a signature. */
  public static final int SIGNATURE_SIZE = 64;

  private static final String ALGORITHM = "Ed25519";

  // SubjectPublicKeyInfo { AlgorithmIdentifier { 1.3.101.112 }, BIT STRING (32 bytes) }
  private static final byte[] SPKI_PREFIX = hex("302a300506032b6570032100");
  // PrivateKeyInfo { version 0, AlgorithmIdentifier { 1.3.101.112 }, OCTET STRING { seed } }
  private static final byte[] PKCS8_PREFIX = hex("302e020100300506032b657004220420");

  private Ed25519Keys() {}

  /** A new key pair from the JDK's default secure random source. */
  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no Ed25519 (needs Java 15 or later)", e);
    }
  }

  /** The JDK public key for a raw 32-byte Ed25519 public key. */
  public static PublicKey publicKey(byte[] raw) {
    requireLength(raw, "public key");
    try {
      return KeyFactory.getInstance(ALGORITHM)
          .generatePublic(new X509EncodedKeySpec(concat(SPKI_PREFIX, raw)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 public key", e);
    }
  }

  /** The JDK private key for a raw 32-byte Ed25519 seed (RFC 8032 §5.1.5 private key). */
  public static PrivateKey privateKey(byte[] seed) {
    requireLength(seed, "private key seed");
    try {
      return KeyFactory.getInstance(ALGORITHM)
          .generatePrivate(new PKCS8EncodedKeySpec(concat(PKCS8_PREFIX, seed)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 private key", e);
    }
  }

  /** The raw 32 bytes of an Ed25519 public key. */
  public static byte[] rawPublicKey(PublicKey key) {
    // The prefix holds the Ed25519 OID, so this also rules out Ed448 and every other algorithm.
    byte[] encoded = key.getEncoded();
    if (encoded == null
        || encoded.length != SPKI_PREFIX.length + KEY_SIZE
        || !Arrays.equals(encoded, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
      throw new IllegalArgumentException("not an Ed25519 public key: " + key.getAlgorithm());
    }
    return Arrays.copyOfRange(encoded, SPKI_PREFIX.length, encoded.length);
  }

  /** The Ed25519 signature of {@code message}. */
  public static byte[] sign(PrivateKey key, byte[] message) {
    try {
      Signature signature = Signature.getInstance(ALGORITHM);
      signature.initSign(key);
      signature.update(message);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot sign with this key (Ed25519 expected)", e);
    }
  }

  /** Whether {@code signature} is a valid Ed25519 signature of {@code message}. */
  public static boolean verify(PublicKey key, byte[] message, byte[] signature) {
    if (signature.length != SIGNATURE_SIZE) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance(ALGORITHM);
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      // A malformed signature is a failed verification, not an error of the verifier.
      return false;
    }
  }

  private static void requireLength(byte[] raw, String what) {
    if (raw.length != KEY_SIZE) {
      throw new IllegalArgumentException(what + " must be " + KEY_SIZE + " bytes");
    }
  }

  private static byte[] concat(byte[] prefix, byte[] raw) {
    byte[] out = Arrays.copyOf(prefix, prefix.length + raw.length);
    System.arraycopy(raw, 0, out, prefix.length, raw.length);
    return out;
  }

  private static byte[] hex(String hex) {
    byte[] out = new byte[hex.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }
}
