package io.countersign.verifier.merkle;

import java.util.Arrays;

/** A growable array of 32-byte hashes in one flat {@code byte[]}: 32 bytes per hash, no headers. */
final class HashArray {

  /** The most hashes one flat array can hold (its byte length must stay a positive int). */
  static final int MAX_HASHES = (Integer.MAX_VALUE - 64) / MerkleHash.SIZE;

  private byte[] bytes = new byte[MerkleHash.SIZE * 16];
  private int size;

  int size() {
    return size;
  }

  void add(byte[] hash) {
    add(hash, 0);
  }

  void add(byte[] source, int offset) {
    if (size == MAX_HASHES) {
      throw new IllegalStateException("a tree holds at most " + MAX_HASHES + " leaves");
    }
    if ((size + 1) * MerkleHash.SIZE > bytes.length) {
      long grown = Math.max(2L * bytes.length, (long) (size + 1) * MerkleHash.SIZE);
      bytes = Arrays.copyOf(bytes, (int) Math.min(grown, (long) MAX_HASHES * MerkleHash.SIZE));
    }
    System.arraycopy(source, offset, bytes, size * MerkleHash.SIZE, MerkleHash.SIZE);
    size++;
  }

  byte[] get(int index) {
    int from = offset(index);
    return Arrays.copyOfRange(bytes, from, from + MerkleHash.SIZE);
  }

  /** The backing array, for hashing in place; valid until the next {@link #add}. */
  byte[] bytes() {
    return bytes;
  }

  int offset(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("hash " + index + " of " + size);
    }
    return index * MerkleHash.SIZE;
  }
}
