package io.countersign.verifier.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * The right edge of an RFC 9162 tree: only the roots of its complete subtrees, at most one per
 * level, so the current root is known in O(log n) memory. Enough to append leaves and sign
 * checkpoints; a {@link MerkleTree} is needed for proofs. Not thread-safe.
 */
public final class MerkleFrontier {

  // Roots of the complete subtrees, largest (leftmost) first, and the height of each.
  private final List<byte[]> roots = new ArrayList<>();
  private final List<Integer> heights = new ArrayList<>();
  private long size;

  /** Appends one leaf hash and merges the subtrees it completes. */
  public void append(byte[] leafHash) {
    byte[] hash = MerkleHash.requireHash(leafHash, "leaf hash").clone();
    int height = 0;
    while (!heights.isEmpty() && heights.get(heights.size() - 1) == height) {
      int last = roots.size() - 1;
      hash = MerkleHash.nodeHash(roots.remove(last), hash);
      heights.remove(last);
      height++;
    }
    roots.add(hash);
    heights.add(height);
    size++;
  }

  /** Adds a complete subtree, larger ones first: how {@link MerkleTree#frontier} builds one. */
  void push(byte[] subtreeRoot, int height, long leaves) {
    roots.add(subtreeRoot);
    heights.add(height);
    size += leaves;
  }

  /** The number of leaves appended. */
  public long size() {
    return size;
  }

  /**
   * The root of the tree so far: the complete subtrees folded from the right, which is RFC 9162 MTH
   * because each one is the largest power-of-two prefix of what remains.
   */
  public byte[] root() {
    if (roots.isEmpty()) {
      return MerkleHash.emptyRoot();
    }
    byte[] root = roots.get(roots.size() - 1);
    for (int i = roots.size() - 2; i >= 0; i--) {
      root = MerkleHash.nodeHash(roots.get(i), root);
    }
    return root.clone();
  }
}
