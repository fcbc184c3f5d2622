package io.countersign.verifier.note;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A C2SP tlog-checkpoint body: the log's origin, its tree size and its RFC 6962 root hash, as the
 * note text {@code <origin>\n<size>\n<base64 root>\n}. Countersign writes no extension lines, and
 * parsing refuses them: nothing unauditable is signed.
 */
public record Checkpoint(String origin, long size, byte[] rootHash) {

  private static final int HASH_SIZE = 32;

  public Checkpoint {
    if (origin.isEmpty() || origin.chars().anyMatch(c -> c < 0x20)) {
      throw new IllegalArgumentException("origin must be one non-empty line without controls");
    }
    if (size < 0) {
      throw new IllegalArgumentException("tree size is negative: " + size);
    }
    if (rootHash.length != HASH_SIZE) {
      throw new IllegalArgumentException("root hash must be " + HASH_SIZE + " bytes");
    }
    rootHash = rootHash.clone();
  }

  /** Parses a checkpoint note text (the text of a {@link SignedNote}, final newline included). */
  public static Checkpoint parse(String noteText) {
    if (!noteText.endsWith("\n")) {
      throw new IllegalArgumentException("checkpoint does not end with a newline");
    }
    List<String> lines = List.of(noteText.substring(0, noteText.length() - 1).split("\n", -1));
    if (lines.size() < 3 || lines.stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException("a checkpoint is three non-empty lines");
    }
    if (lines.size() > 3) {
      throw new IllegalArgumentException("checkpoint extension lines are not accepted");
    }
    return new Checkpoint(
        lines.get(0),
        parseSize(lines.get(1)),
        StrictBase64.decode(lines.get(2), "checkpoint root hash"));
  }

  // tlog-checkpoint: ASCII decimal, no leading zeroes (unless the tree is empty).
  private static long parseSize(String line) {
    if (!line.matches("0|[1-9][0-9]{0,18}")) {
      throw new IllegalArgumentException("tree size is not a decimal number: " + line);
    }
    try {
      return Long.parseLong(line);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("tree size is too large: " + line, e);
    }
  }

  /** The note text to sign. */
  public String toNoteText() {
    return origin + "\n" + size + "\n" + rootHashBase64() + "\n";
  }

  /** The note text signed by each signer: during a key rotation, old and new key. */
  public SignedNote sign(List<NoteSigner> signers) {
    return SignedNote.sign(toNoteText(), signers);
  }

  public String rootHashBase64() {
    return StrictBase64.encode(rootHash);
  }

  @Override
  public byte[] rootHash() {
    return rootHash.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Checkpoint that
        && origin.equals(that.origin)
        && size == that.size
        && Arrays.equals(rootHash, that.rootHash);
  }

  @Override
  public int hashCode() {
    return Objects.hash(origin, size, Arrays.hashCode(rootHash));
  }

  @Override
  public String toString() {
    return "Checkpoint[" + origin + ", " + size + ", " + rootHashBase64() + "]";
  }
}
