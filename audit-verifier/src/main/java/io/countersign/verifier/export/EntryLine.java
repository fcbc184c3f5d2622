package io.countersign.verifier.export;

import io.countersign.verifier.merkle.MerkleHash;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * One line of {@code entries.jsonl}: {@code {"index":N,"leafHash":"<base64>","leaf":<leaf bytes>}}
 * and a newline, with no other whitespace. The leaf bytes (the event's RFC 8785 canonical JSON,
 * which never contains a raw newline) are embedded verbatim: the log hashed exactly the bytes
 * between {@code "leaf":} and the final {@code }}. {@code leafHash} is the hash the log recorded at
 * append time; it lets the verifier name the exact entry whose bytes changed.
 */
public final class EntryLine {

  private static final byte[] INDEX = ascii("{\"index\":");
  private static final byte[] LEAF_HASH = ascii(",\"leafHash\":\"");
  private static final byte[] LEAF = ascii("\",\"leaf\":");
  private static final int HASH_BASE64_LENGTH = 44;

  /** An entry line as read: where its leaf bytes are in the line buffer. */
  record Parsed(long index, byte[] recordedLeafHash, int leafOffset, int leafLength) {}

  private EntryLine() {}

  /** The line for {@code leafBytes} at {@code index}, with the leaf hash computed now. */
  public static byte[] encode(long index, byte[] leafBytes) {
    return encode(index, MerkleHash.leafHash(leafBytes), leafBytes);
  }

  /** The line for {@code leafBytes} at {@code index}, with the leaf hash the log recorded. */
  public static byte[] encode(long index, byte[] recordedLeafHash, byte[] leafBytes) {
    if (index < 0) {
      throw new IllegalArgumentException("negative index " + index);
    }
    MerkleHash.requireHash(recordedLeafHash, "leaf hash");
    for (byte b : leafBytes) {
      if (b == '\n') {
        throw new IllegalArgumentException("leaf bytes contain a newline: not canonical JSON");
      }
    }
    if (leafBytes.length == 0) {
      throw new IllegalArgumentException("empty leaf");
    }
    ByteArrayOutputStream line = new ByteArrayOutputStream(leafBytes.length + 100);
    line.writeBytes(INDEX);
    line.writeBytes(Long.toString(index).getBytes(StandardCharsets.US_ASCII));
    line.writeBytes(LEAF_HASH);
    line.writeBytes(Base64.getEncoder().encode(recordedLeafHash));
    line.writeBytes(LEAF);
    line.writeBytes(leafBytes);
    line.write('}');
    line.write('\n');
    return line.toByteArray();
  }

  /**
   * Parses {@code line[0, length)} (no newline); if it is malformed, throws with a reason that
   * reads after "line N": "does not start with ...".
   */
  static Parsed parse(byte[] line, int length) {
    int at = expect(line, length, 0, INDEX, "does not start with {\"index\":");
    int digits = at;
    long index = 0;
    while (at < length && line[at] >= '0' && line[at] <= '9' && at - digits < 18) {
      index = index * 10 + (line[at++] - '0');
    }
    if (at == digits || line[digits] == '0' && at - digits > 1) {
      throw new IllegalArgumentException(
          "has an index that is not a decimal number without leading zeros");
    }
    at = expect(line, length, at, LEAF_HASH, "has no \"leafHash\" after the index");
    if (length - at < HASH_BASE64_LENGTH) {
      throw new IllegalArgumentException("has a leafHash that is cut short");
    }
    byte[] encodedHash = Arrays.copyOfRange(line, at, at + HASH_BASE64_LENGTH);
    byte[] leafHash = decodeHash(encodedHash);
    at = expect(line, length, at + HASH_BASE64_LENGTH, LEAF, "has no \"leaf\" after leafHash");
    if (length - at < 2 || line[length - 1] != '}') {
      throw new IllegalArgumentException("has an empty leaf or does not end with }");
    }
    return new Parsed(index, leafHash, at, length - 1 - at);
  }

  private static byte[] decodeHash(byte[] encoded) {
    byte[] hash;
    try {
      hash = Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("has a leafHash that is not base64", e);
    }
    if (hash.length != MerkleHash.SIZE
        || !Arrays.equals(Base64.getEncoder().encode(hash), encoded)) {
      throw new IllegalArgumentException(
          "has a leafHash that is not the canonical base64 of 32 bytes");
    }
    return hash;
  }

  private static int expect(byte[] line, int length, int at, byte[] literal, String problem) {
    if (length - at < literal.length
        || !Arrays.equals(line, at, at + literal.length, literal, 0, literal.length)) {
      throw new IllegalArgumentException(problem);
    }
    return at + literal.length;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
