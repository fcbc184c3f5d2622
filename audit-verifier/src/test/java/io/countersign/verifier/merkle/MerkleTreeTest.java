package io.countersign.verifier.merkle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

  private static final int MAX = 70;

  @Test
  void rootWhenEmptyThenSha256OfNothing() {
    assertEquals(
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        HexFormat.of().formatHex(new MerkleTree().root()));
  }

  @Test
  void rootWhenReferenceTreeThenKnownRfc6962Root() {
    assertEquals(
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
        HexFormat.of().formatHex(MerkleVectorsTest.referenceTree().root()));
  }

  @Test
  void rootWhenAnySizeThenEqualsRecursiveDefinition() {
    List<byte[]> leaves = leaves(MAX);
    MerkleTree tree = MerkleTree.of(leaves);
    for (int n = 0; n <= MAX; n++) {
      assertArrayEquals(mth(leaves.subList(0, n)), tree.root(n), "size " + n);
    }
  }

  @Test
  void frontierWhenAppendingThenSameRootsAsTree() {
    List<byte[]> leaves = leaves(MAX);
    MerkleTree tree = new MerkleTree();
    MerkleFrontier frontier = new MerkleFrontier();
    for (byte[] leaf : leaves) {
      tree.append(leaf);
      frontier.append(leaf);
      assertArrayEquals(tree.root(), frontier.root(), "size " + tree.size());
    }
  }

  @Test
  void frontierWhenTakenFromTreeThenContinuesLikeTheTree() {
    List<byte[]> leaves = leaves(MAX);
    MerkleTree tree = MerkleTree.of(leaves);
    for (int n = 0; n < MAX; n++) {
      MerkleFrontier frontier = tree.frontier(n);
      assertEquals(n, frontier.size());
      for (int i = n; i < MAX; i++) {
        frontier.append(leaves.get(i));
      }
      assertArrayEquals(tree.root(), frontier.root(), "from size " + n);
    }
  }

  @Test
  void inclusionProofWhenEveryLeafOfEverySizeThenVerifies() {
    MerkleTree tree = MerkleTree.of(leaves(MAX));
    for (long n = 1; n <= MAX; n++) {
      for (long i = 0; i < n; i++) {
        List<byte[]> proof = tree.inclusionProof(i, n);
        assertTrue(
            MerkleVerifier.verifyInclusion(i, n, tree.leafHash(i), proof, tree.root(n)).isValid(),
            i + " in " + n);
        if (n > 1) {
          byte[] otherLeaf = tree.leafHash((i + 1) % n);
          assertFalse(
              MerkleVerifier.verifyInclusion(i, n, otherLeaf, proof, tree.root(n)).isValid(),
              "another leaf at " + i + " in " + n);
        }
      }
    }
  }

  @Test
  void consistencyProofWhenEveryPairOfSizesThenVerifies() {
    MerkleTree tree = MerkleTree.of(leaves(MAX));
    for (long n = 1; n <= MAX; n++) {
      for (long m = 1; m <= n; m++) {
        List<byte[]> proof = tree.consistencyProof(m, n);
        assertTrue(
            MerkleVerifier.verifyConsistency(m, n, tree.root(m), tree.root(n), proof).isValid(),
            m + " to " + n);
      }
    }
  }

  @Test
  void verifyConsistencyWhenOldRootIsFromAnotherHistoryThenInvalid() {
    List<byte[]> leaves = leaves(20);
    MerkleTree tree = MerkleTree.of(leaves);
    List<byte[]> forked = new ArrayList<>(leaves);
    forked.set(3, MerkleHash.leafHash("forged".getBytes(StandardCharsets.UTF_8)));
    byte[] forkedRoot = MerkleTree.of(forked).root(10);
    Verification result =
        MerkleVerifier.verifyConsistency(
            10, 20, forkedRoot, tree.root(20), tree.consistencyProof(10, 20));
    assertFalse(result.isValid());
  }

  @Test
  void proofsWhenSizesOutOfRangeThenIllegalArgument() {
    MerkleTree tree = MerkleTree.of(leaves(5));
    assertThrows(IllegalArgumentException.class, () -> tree.inclusionProof(5, 5));
    assertThrows(IllegalArgumentException.class, () -> tree.inclusionProof(0, 6));
    assertThrows(IllegalArgumentException.class, () -> tree.consistencyProof(0, 5));
    assertThrows(IllegalArgumentException.class, () -> tree.consistencyProof(3, 2));
    assertThrows(IllegalArgumentException.class, () -> tree.root(6));
    assertThrows(IllegalArgumentException.class, () -> tree.append(new byte[31]));
  }

  private static List<byte[]> leaves(int count) {
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      leaves.add(MerkleHash.leafHash(("{\"event\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
    }
    return leaves;
  }

  // RFC 9162 §2.1.1, literally.
  private static byte[] mth(List<byte[]> leafHashes) {
    int n = leafHashes.size();
    if (n == 0) {
      return MerkleHash.emptyRoot();
    }
    if (n == 1) {
      return leafHashes.get(0);
    }
    int k = Integer.highestOneBit(n - 1);
    return MerkleHash.nodeHash(mth(leafHashes.subList(0, k)), mth(leafHashes.subList(k, n)));
  }
}
