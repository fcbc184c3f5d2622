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
 *
 * <p>An entry outside the time range exported is elided to {@code
 * {"index":N,"leafHash":"<base64>"}} and a newline: it still takes its place in the tree, through
 * its recorded hash.
 */
public final class EntryLine {

  private static final byte[] INDEX = ascii("{\"index\":");
  private static final byte[] LEAF_HASH = ascii(",\"leafHash\":\"");
  private static final byte[] LEAF = ascii("\",\"leaf\":");
  private static final byte[] ELIDED_END = ascii("\"}");
  private static final int HASH_BASE64_LENGTH = 44;

  /**
   * An entry line as read: where its leaf bytes are in the line buffer. An elided line has none
   * ({@code leafLength} 0; a full line's leaf is never empty).
   */
  record Parsed(long index, byte[] recordedLeafHash, int leafOffset, int leafLength) {
    boolean elided() {
      return leafLength == 0;
    }
  }

  private EntryLine() {}

  /** The line for {@code leafBytes} at {@code index}, with the leaf hash computed now. */
  public static byte[] encode(long index, byte[] leafBytes) {
    return encode(index, MerkleHash.leafHash(leafBytes), leafBytes);
  }

  /** The line for {@code leafBytes} at {@code index}, with the leaf hash the log recorded. */
  public static byte[] encode(long index, byte[] recordedLeafHash, byte[] leafBytes) {
    if (leafBytes.length == 0) {
      throw new IllegalArgumentException("empty leaf");
    }
    for (byte b : leafBytes) {
      if (b == '\n') {
        throw new IllegalArgumentException("leaf bytes contain a newline: not canonical JSON");
      }
    }
    ByteArrayOutputStream line = start(index, recordedLeafHash, leafBytes.length);
    line.writeBytes(LEAF);
    line.writeBytes(leafBytes);
    line.write('}');
    line.write('\n');
    return line.toByteArray();
  }

  /** The line for the entry at {@code index} elided to the leaf hash the log recorded. */
  public static byte[] encodeElided(long index, byte[] recordedLeafHash) {
    ByteArrayOutputStream line = start(index, recordedLeafHash, 0);
    line.writeBytes(ELIDED_END);
    line.write('\n');
    return line.toByteArray();
  }

  private static ByteArrayOutputStream start(long index, byte[] recordedLeafHash, int leafLength) {
    if (index < 0) {
      throw new IllegalArgumentException("negative index " + index);
    }
    MerkleHash.requireHash(recordedLeafHash, "leaf hash");
    ByteArrayOutputStream line = new ByteArrayOutputStream(leafLength + 100);
    line.writeBytes(INDEX);
    line.writeBytes(Long.toString(index).getBytes(StandardCharsets.US_ASCII));
    line.writeBytes(LEAF_HASH);
    line.writeBytes(Base64.getEncoder().encode(recordedLeafHash));
    return line;
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
    at += HASH_BASE64_LENGTH;
    if (Arrays.equals(line, at, length, ELIDED_END, 0, ELIDED_END.length)) {
      return new Parsed(index, leafHash, at, 0);
    }
    at =
        expect(
            line,
            length,
            at,
            LEAF,
            "has no \"leaf\" after leafHash, and is not an elided line ending with \"}");
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
