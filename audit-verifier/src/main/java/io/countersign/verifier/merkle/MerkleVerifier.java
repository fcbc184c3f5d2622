package io.countersign.verifier.merkle;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks RFC 9162 proofs exactly as §2.1.3.2 and §2.1.4.2 describe them, after rejecting anything
 * that is not a 32-byte hash. Returns a {@link Verification}; never throws for a bad proof.
 */
public final class MerkleVerifier {

  private MerkleVerifier() {}

  /**
   * RFC 9162 §2.1.3.2: does {@code proof} put {@code leafHash} at {@code index} under {@code root}.
   */
  public static Verification verifyInclusion(
      long index, long treeSize, byte[] leafHash, List<byte[]> proof, byte[] root) {
    if (index < 0 || treeSize < 0) {
      return Verification.invalid("negative leaf index or tree size");
    }
    // 1. If leaf_index is greater than or equal to tree_size, then fail the proof verification.
    if (index >= treeSize) {
      return Verification.invalid("leaf index " + index + " is not below tree size " + treeSize);
    }
    Optional<String> malformed = malformed(leafHash, root, proof);
    if (malformed.isPresent()) {
      return Verification.invalid(malformed.get());
    }
    // 2. Set fn to leaf_index and sn to tree_size - 1.  3. Set r to hash.
    long fn = index;
    long sn = treeSize - 1;
    byte[] r = leafHash;
    for (byte[] p : proof) {
      // a. If sn is 0, then stop the iteration and fail the proof verification.
      if (sn == 0) {
        return Verification.invalid("inclusion proof is longer than the path to the root");
      }
      // b. If LSB(fn) is set, or if fn is equal to sn, then: set r to HASH(0x01 || p || r);
      //    if LSB(fn) is not set, right-shift both fn and sn until LSB(fn) is set or fn is 0.
      if ((fn & 1) == 1 || fn == sn) {
        r = MerkleHash.nodeHash(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        // Otherwise: set r to HASH(0x01 || r || p).
        r = MerkleHash.nodeHash(r, p);
      }
      // c. Finally, right-shift both fn and sn one time.
      fn >>>= 1;
      sn >>>= 1;
    }
    // 5. If sn is equal to 0 and r and the root_hash are equal, the log has proven the inclusion.
    if (sn != 0) {
      return Verification.invalid("inclusion proof is shorter than the path to the root");
    }
    return MessageDigest.isEqual(r, root)
        ? Verification.valid()
        : Verification.invalid("inclusion proof leads to a different root");
  }

  /**
   * RFC 9162 §2.1.4.2: does {@code proof} show the tree of {@code newSize} extends {@code oldSize}.
   */
  public static Verification verifyConsistency(
      long oldSize, long newSize, byte[] oldRoot, byte[] newRoot, List<byte[]> proof) {
    if (oldSize > newSize) {
      return Verification.invalid("old size " + oldSize + " is larger than new size " + newSize);
    }
    // Every tree extends the empty one: a proof from size 0 proves nothing, so it is refused.
    if (oldSize <= 0) {
      return Verification.invalid("consistency with the empty tree is meaningless");
    }
    // Outside the RFC's 0 < first < second: the same size must mean the same root and no proof.
    if (oldSize == newSize) {
      if (!proof.isEmpty()) {
        return Verification.invalid("equal sizes need an empty proof");
      }
      return MessageDigest.isEqual(oldRoot, newRoot)
          ? Verification.valid()
          : Verification.invalid("equal sizes but different roots");
    }
    Optional<String> malformed = malformed(oldRoot, newRoot, proof);
    if (malformed.isPresent()) {
      return Verification.invalid(malformed.get());
    }
    // 1. If consistency_path is an empty array, stop and fail the proof verification.
    if (proof.isEmpty()) {
      return Verification.invalid("consistency proof is empty");
    }
    return chain(oldSize, newSize, oldRoot, newRoot, withSeed(oldSize, oldRoot, proof));
  }

  private static Verification chain(
      long oldSize, long newSize, byte[] oldRoot, byte[] newRoot, List<byte[]> path) {
    // 3. Set fn to first - 1 and sn to second - 1.
    long fn = oldSize - 1;
    long sn = newSize - 1;
    // 4. If LSB(fn) is set, then right-shift both fn and sn equally until LSB(fn) is not set.
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    // 5. Set both fr and sr to the first value in the consistency_path array.
    byte[] fr = path.get(0);
    byte[] sr = path.get(0);
    // 6. For each subsequent value c in the consistency_path array:
    for (byte[] c : path.subList(1, path.size())) {
      // a. If sn is 0, then stop the iteration and fail the proof verification.
      if (sn == 0) {
        return Verification.invalid("consistency proof is longer than the path to the root");
      }
      // b. If LSB(fn) is set, or if fn is equal to sn, then: set fr to HASH(0x01 || c || fr), sr to
      //    HASH(0x01 || c || sr); if LSB(fn) is not set, right-shift fn and sn until LSB(fn) is set
      //    or fn is 0.
      if ((fn & 1) == 1 || fn == sn) {
        fr = MerkleHash.nodeHash(c, fr);
        sr = MerkleHash.nodeHash(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        // Otherwise: set sr to HASH(0x01 || sr || c).
        sr = MerkleHash.nodeHash(sr, c);
      }
      // c. Finally, right-shift both fn and sn one time.
      fn >>>= 1;
      sn >>>= 1;
    }
    // 7. Verify that fr equals first_hash, that sr equals second_hash, and that sn is 0.
    if (sn != 0) {
      return Verification.invalid("consistency proof is shorter than the path to the root");
    }
    if (!MessageDigest.isEqual(fr, oldRoot)) {
      return Verification.invalid("consistency proof does not lead to the old root");
    }
    return MessageDigest.isEqual(sr, newRoot)
        ? Verification.valid()
        : Verification.invalid("consistency proof does not lead to the new root");
  }

  // 2. If first is an exact power of 2, then prepend first_hash to the consistency_path array.
  private static List<byte[]> withSeed(long oldSize, byte[] oldRoot, List<byte[]> proof) {
    if (Long.bitCount(oldSize) != 1) {
      return proof;
    }
    List<byte[]> path = new ArrayList<>(proof.size() + 1);
    path.add(oldRoot);
    path.addAll(proof);
    return path;
  }

  private static Optional<String> malformed(byte[] first, byte[] second, List<byte[]> proof) {
    if (first.length != MerkleHash.SIZE || second.length != MerkleHash.SIZE) {
      return Optional.of("hashes must be " + MerkleHash.SIZE + " bytes");
    }
    for (byte[] p : proof) {
      if (p == null || p.length != MerkleHash.SIZE) {
        return Optional.of("proof hashes must be " + MerkleHash.SIZE + " bytes");
      }
    }
    return Optional.empty();
  }
}
