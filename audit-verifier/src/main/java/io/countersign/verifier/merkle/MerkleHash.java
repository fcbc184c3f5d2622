package io.countersign.verifier.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * RFC 9162 §2.1.1 hashing with SHA-256: {@code MTH({}) = HASH()}, {@code MTH({d}) = HASH(0x00 ||
 * d)}, {@code HASH(0x01 || left || right)} for an inner node.
 */
public final class MerkleHash {

  /** Length of every hash in the tree, in bytes. */
  public static final int SIZE = 32;

  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(MerkleHash::newSha256);

  private MerkleHash() {}

  /** The root of the empty tree: SHA-256 of the empty string. */
  public static byte[] emptyRoot() {
    return digest().digest();
  }

  /** The leaf hash of one entry: {@code SHA-256(0x00 || leafBytes)}. */
  public static byte[] leafHash(byte[] leafBytes) {
    return leafHash(leafBytes, 0, leafBytes.length);
  }

  /** The leaf hash of {@code length} bytes of {@code buffer} from {@code offset}. */
  public static byte[] leafHash(byte[] buffer, int offset, int length) {
    MessageDigest sha256 = digest();
    sha256.update(LEAF_PREFIX);
    sha256.update(buffer, offset, length);
    return sha256.digest();
  }

  /** The hash of an inner node: {@code SHA-256(0x01 || left || right)}. */
  public static byte[] nodeHash(byte[] left, byte[] right) {
    requireHash(left, "left hash");
    requireHash(right, "right hash");
    return nodeHash(left, 0, right, 0);
  }

  /** The node hash of the 32-byte hashes at {@code leftOffset} and {@code rightOffset}. */
  static byte[] nodeHash(byte[] left, int leftOffset, byte[] right, int rightOffset) {
    MessageDigest sha256 = digest();
    sha256.update(NODE_PREFIX);
    sha256.update(left, leftOffset, SIZE);
    sha256.update(right, rightOffset, SIZE);
    return sha256.digest();
  }

  /** Throws unless {@code hash} is exactly {@link #SIZE} bytes. */
  public static byte[] requireHash(byte[] hash, String what) {
    if (hash == null || hash.length != SIZE) {
      throw new IllegalArgumentException(
          what + " must be " + SIZE + " bytes, got " + (hash == null ? "null" : hash.length));
    }
    return hash;
  }

  private static MessageDigest digest() {
    MessageDigest sha256 = SHA256.get();
    sha256.reset();
    return sha256;
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
