package io.countersign.verifier.merkle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every public transparency-dev/merkle vector: the verifier accepts the valid ones and rejects the
 * invalid ones, and the tree produces the very proofs of the valid ones.
 */
class MerkleVectorsTest {

  // The eight leaves of the RFC 6962 reference tree the vectors are computed over.
  private static final List<String> REFERENCE_LEAVES =
      List.of(
          "",
          "00",
          "10",
          "2021",
          "3031",
          "40414243",
          "5051525354555657",
          "606162636465666768696a6b6c6d6e6f");

  @BeforeAll
  static void sayWhenSkipped() {
    if (!MerkleVectors.present()) {
      System.err.println(
          "WARNING: Merkle test vectors absent at "
              + MerkleVectors.folder().toAbsolutePath().normalize()
              + ": the vector tests are SKIPPED");
    }
  }

  @BeforeEach
  void requireVectors() {
    Assumptions.assumeTrue(
        MerkleVectors.present(),
        "SKIPPED: Merkle test vectors not found at "
            + MerkleVectors.folder().toAbsolutePath().normalize()
            + " (shared/testdata/merkle next to the repository)");
  }

  @TestFactory
  Stream<DynamicTest> verifyInclusionWhenVectorThenMatchesWantErr() {
    return MerkleVectors.inclusion().stream()
        .map(
            v ->
                dynamicTest(
                    MerkleVectors.folder().relativize(v.file()).toString(),
                    () -> {
                      Verification result =
                          MerkleVerifier.verifyInclusion(
                              v.leafIndex(), v.treeSize(), v.leafHash(), v.proof(), v.root());
                      assertEquals(!v.wantErr(), result.isValid(), result.toString());
                    }));
  }

  @TestFactory
  Stream<DynamicTest> verifyConsistencyWhenVectorThenMatchesWantErr() {
    return MerkleVectors.consistency().stream()
        .map(
            v ->
                dynamicTest(
                    MerkleVectors.folder().relativize(v.file()).toString(),
                    () -> {
                      Verification result =
                          MerkleVerifier.verifyConsistency(
                              v.size1(), v.size2(), v.root1(), v.root2(), v.proof());
                      assertEquals(!v.wantErr(), result.isValid(), result.toString());
                    }));
  }

  @Test
  void inclusionProofWhenValidVectorOfReferenceTreeThenSameProof() {
    MerkleTree tree = referenceTree();
    List<MerkleVectors.Inclusion> valid =
        MerkleVectors.inclusion().stream()
            .filter(v -> !v.wantErr() && v.treeSize() <= tree.size())
            .filter(v -> Arrays.equals(v.root(), tree.root(v.treeSize())))
            .toList();
    assertTrue(valid.size() >= 5, "valid inclusion vectors over the reference tree: " + valid);
    for (MerkleVectors.Inclusion v : valid) {
      assertEquals(
          hex(v.proof()), hex(tree.inclusionProof(v.leafIndex(), v.treeSize())), v.file() + "");
      assertEquals(
          HexFormat.of().formatHex(v.leafHash()),
          HexFormat.of().formatHex(tree.leafHash(v.leafIndex())));
    }
  }

  @Test
  void consistencyProofWhenValidVectorOfReferenceTreeThenSameProof() {
    MerkleTree tree = referenceTree();
    List<MerkleVectors.Consistency> valid =
        MerkleVectors.consistency().stream()
            .filter(v -> !v.wantErr() && v.size1() >= 1 && v.size2() <= tree.size())
            .filter(v -> Arrays.equals(v.root2(), tree.root(v.size2())))
            .toList();
    assertTrue(valid.size() >= 4, "valid consistency vectors over the reference tree: " + valid);
    for (MerkleVectors.Consistency v : valid) {
      assertEquals(hex(v.proof()), hex(tree.consistencyProof(v.size1(), v.size2())), v.file() + "");
    }
  }

  static MerkleTree referenceTree() {
    MerkleTree tree = new MerkleTree();
    REFERENCE_LEAVES.forEach(
        leaf -> tree.append(MerkleHash.leafHash(HexFormat.of().parseHex(leaf))));
    return tree;
  }

  private static List<String> hex(List<byte[]> hashes) {
    return IntStream.range(0, hashes.size())
        .mapToObj(i -> HexFormat.of().formatHex(hashes.get(i)))
        .toList();
  }
}
