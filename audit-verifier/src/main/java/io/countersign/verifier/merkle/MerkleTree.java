package io.countersign.verifier.merkle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An append-only RFC 9162 Merkle tree over leaf hashes, with roots and proofs for any size up to
 * the current one.
 *
 * <p>It keeps every complete subtree hash (level 0 holds the leaf hashes, level {@code j} the roots
 * of the aligned subtrees of {@code 2^j} leaves): about 64 bytes per leaf, and every root or proof
 * costs O(log n) hashes, whatever the sizes asked for. Not thread-safe.
 */
public final class MerkleTree {

  private final List<HashArray> levels = new ArrayList<>();

  public MerkleTree() {
    levels.add(new HashArray());
  }

  /** A tree over the given leaf hashes (each 32 bytes), in order. */
  public static MerkleTree of(List<byte[]> leafHashes) {
    MerkleTree tree = new MerkleTree();
    leafHashes.forEach(tree::append);
    return tree;
  }

  /** Appends one leaf hash ({@link MerkleHash#leafHash}) and completes the subtrees it closes. */
  public void append(byte[] leafHash) {
    append(MerkleHash.requireHash(leafHash, "leaf hash"), 0);
  }

  void append(byte[] source, int offset) {
    levels.get(0).add(source, offset);
    for (int level = 0; levels.get(level).size() % 2 == 0; level++) {
      HashArray hashes = levels.get(level);
      int last = hashes.size() - 1;
      byte[] parent =
          MerkleHash.nodeHash(
              hashes.bytes(), hashes.offset(last - 1), hashes.bytes(), hashes.offset(last));
      if (levels.size() == level + 1) {
        levels.add(new HashArray());
      }
      levels.get(level + 1).add(parent);
    }
  }

  /** The number of leaves. */
  public long size() {
    return levels.get(0).size();
  }

  /** The hash of leaf {@code index}. */
  public byte[] leafHash(long index) {
    checkRange(index, 0, size() - 1, "leaf index");
    return levels.get(0).get((int) index);
  }

  /** The root of the whole tree. */
  public byte[] root() {
    return root(size());
  }

  /** The root of the tree made of the first {@code treeSize} leaves (RFC 9162 §2.1.1 MTH). */
  public byte[] root(long treeSize) {
    checkRange(treeSize, 0, size(), "tree size");
    return treeSize == 0 ? MerkleHash.emptyRoot() : subtreeHash(0, treeSize);
  }

  /**
   * The inclusion proof (audit path) of leaf {@code index} in the tree of the first {@code
   * treeSize} leaves, lowest level first (RFC 9162 §2.1.3.1 PATH).
   */
  public List<byte[]> inclusionProof(long index, long treeSize) {
    checkRange(treeSize, 1, size(), "tree size");
    checkRange(index, 0, treeSize - 1, "leaf index");
    List<byte[]> proof = new ArrayList<>();
    path(index, 0, treeSize, proof);
    return Collections.unmodifiableList(proof);
  }

  /**
   * The consistency proof from the first {@code oldSize} leaves to the first {@code newSize} (RFC
   * 9162 §2.1.4.1 PROOF); empty when the sizes are equal. A proof from the empty tree means
   * nothing, so {@code oldSize} must be at least 1.
   */
  public List<byte[]> consistencyProof(long oldSize, long newSize) {
    checkRange(newSize, 1, size(), "new tree size");
    checkRange(oldSize, 1, newSize, "old tree size");
    List<byte[]> proof = new ArrayList<>();
    subproof(oldSize, 0, newSize, true, proof);
    return Collections.unmodifiableList(proof);
  }

  /**
   * The right edge of the tree of the first {@code treeSize} leaves, to go on appending from there
   * (for instance other leaf hashes than this tree's).
   */
  public MerkleFrontier frontier(long treeSize) {
    checkRange(treeSize, 0, size(), "tree size");
    MerkleFrontier frontier = new MerkleFrontier();
    long start = 0;
    for (int level = 63; level >= 0; level--) {
      long length = 1L << level;
      if ((treeSize & length) != 0) {
        frontier.push(levels.get(level).get((int) (start >> level)), level, length);
        start += length;
      }
    }
    return frontier;
  }

  // PATH(m, D[n]): n > 1, k the largest power of two smaller than n;
  // m < k: PATH(m, D[0:k]) : MTH(D[k:n]);  m >= k: PATH(m - k, D[k:n]) : MTH(D[0:k]).
  private void path(long index, long start, long length, List<byte[]> proof) {
    if (length == 1) {
      return;
    }
    long k = splitPoint(length);
    if (index < k) {
      path(index, start, k, proof);
      proof.add(subtreeHash(start + k, length - k));
    } else {
      path(index - k, start + k, length - k, proof);
      proof.add(subtreeHash(start, k));
    }
  }

  // SUBPROOF(m, D[m], true) = {}; SUBPROOF(m, D[m], false) = {MTH(D[m])};
  // m < n: m <= k: SUBPROOF(m, D[0:k], b) : MTH(D[k:n]);
  //        m > k:  SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k]).
  private void subproof(long m, long start, long length, boolean whole, List<byte[]> proof) {
    if (m == length) {
      if (!whole) {
        proof.add(subtreeHash(start, length));
      }
      return;
    }
    long k = splitPoint(length);
    if (m <= k) {
      subproof(m, start, k, whole, proof);
      proof.add(subtreeHash(start + k, length - k));
    } else {
      subproof(m - k, start + k, length - k, false, proof);
      proof.add(subtreeHash(start, k));
    }
  }

  /**
   * MTH(D[start:start+length]) for a range the RFC recursion reaches: its left parts are aligned
   * complete subtrees, read from the levels instead of being hashed again.
   */
  private byte[] subtreeHash(long start, long length) {
    if (Long.bitCount(length) == 1 && start % length == 0) {
      int level = Long.numberOfTrailingZeros(length);
      return levels.get(level).get((int) (start / length));
    }
    long k = splitPoint(length);
    return MerkleHash.nodeHash(subtreeHash(start, k), subtreeHash(start + k, length - k));
  }

  /** The largest power of two smaller than {@code length} (which is at least 2). */
  static long splitPoint(long length) {
    return Long.highestOneBit(length - 1);
  }

  private static void checkRange(long value, long min, long max, String what) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          what + " " + value + " is outside [" + min + ", " + max + "]");
    }
  }
}
