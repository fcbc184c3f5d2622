package io.countersign.audit.log;

import io.countersign.verifier.merkle.MerkleHash;
import java.util.ArrayList;
import java.util.List;

/**
 * Roots, inclusion proofs and consistency proofs of RFC 9162 section 2.1, computed over a {@link
 * HashSource} so that the server never loads a whole log: every range the algorithms split off on
 * the left is a complete, aligned subtree the source answers directly.
 */
final class TreeMath {

  private final HashSource source;

  TreeMath(HashSource source) {
    this.source = source;
  }

  /** MTH(D[start:end]). */
  byte[] root(long start, long end) {
    long size = end - start;
    if (size == 0) {
      return MerkleHash.emptyRoot();
    }
    if (Long.bitCount(size) == 1 && start % size == 0) {
      return source.perfectSubtree(start, size);
    }
    long k = split(size);
    return MerkleHash.nodeHash(root(start, start + k), root(start + k, end));
  }

  /** RFC 9162 2.1.3.1: the audit path of leaf {@code index} in the tree of {@code treeSize}. */
  List<byte[]> inclusionProof(long index, long treeSize) {
    if (index < 0 || index >= treeSize) {
      throw new IllegalArgumentException(
          "leaf index " + index + " is not in a tree of size " + treeSize);
    }
    List<byte[]> proof = new ArrayList<>();
    path(index, 0, treeSize, proof);
    return proof;
  }

  /** RFC 9162 2.1.4.1: proof that the tree of {@code newSize} extends that of {@code oldSize}. */
  List<byte[]> consistencyProof(long oldSize, long newSize) {
    if (oldSize < 1 || oldSize > newSize) {
      throw new IllegalArgumentException(
          "no consistency proof from size " + oldSize + " to size " + newSize);
    }
    List<byte[]> proof = new ArrayList<>();
    if (oldSize < newSize) {
      subproof(oldSize, 0, newSize, true, proof);
    }
    return proof;
  }

  // PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n]) for m < k,
  //                 PATH(m - k, D[k:n]) : MTH(D[0:k]) for m >= k.
  private void path(long index, long start, long end, List<byte[]> proof) {
    long size = end - start;
    if (size == 1) {
      return;
    }
    long k = split(size);
    if (index < start + k) {
      path(index, start, start + k, proof);
      proof.add(root(start + k, end));
    } else {
      path(index, start + k, end, proof);
      proof.add(root(start, start + k));
    }
  }

  // SUBPROOF(m, D[m], true) = {}; SUBPROOF(m, D[m], false) = {MTH(D[m])};
  // m <= k: SUBPROOF(m, D[0:k], b) : MTH(D[k:n]); m > k: SUBPROOF(m - k, D[k:n], false) :
  // MTH(D[0:k]).
  private void subproof(long m, long start, long end, boolean whole, List<byte[]> proof) {
    long size = end - start;
    if (m == size) {
      if (!whole) {
        proof.add(root(start, end));
      }
      return;
    }
    long k = split(size);
    if (m <= k) {
      subproof(m, start, start + k, whole, proof);
      proof.add(root(start + k, end));
    } else {
      subproof(m - k, start + k, end, false, proof);
      proof.add(root(start, start + k));
    }
  }

  /** The largest power of two smaller than {@code size} (size > 1). */
  static long split(long size) {
    return Long.highestOneBit(size - 1);
  }
}
