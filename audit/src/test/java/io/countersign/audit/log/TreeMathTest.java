package io.countersign.audit.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.verifier.merkle.MerkleHash;
import io.countersign.verifier.merkle.MerkleTree;
import io.countersign.verifier.merkle.MerkleVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class TreeMathTest {

  /** The RFC 6962 test tree the shared vectors are built on (transparency-dev/merkle). */
  private static final String[] RFC_LEAVES = {
    "",
    "00",
    "10",
    "2021",
    "3031",
    "40414243",
    "5051525354555657",
    "606162636465666768696a6b6c6d6e6f"
  };

  @Test
  void proofsWhenEveryIndexAndSizeUpTo70ThenSameAsInMemoryTreeAndTheyVerify() {
    List<byte[]> leaves = leafHashes(70);
    MerkleTree reference = MerkleTree.of(leaves);
    TreeMath math = new TreeMath(counting(leaves, new long[1]));
    for (long size = 1; size <= 70; size++) {
      byte[] root = math.root(0, size);
      assertArrayEquals(reference.root(size), root, "root of " + size);
      for (long index = 0; index < size; index++) {
        List<byte[]> proof = math.inclusionProof(index, size);
        assertHashesEqual(reference.inclusionProof(index, size), proof);
        assertTrue(
            MerkleVerifier.verifyInclusion(index, size, leaves.get((int) index), proof, root)
                instanceof io.countersign.verifier.merkle.Verification.Valid);
      }
      for (long old = 1; old <= size; old++) {
        List<byte[]> proof = math.consistencyProof(old, size);
        assertHashesEqual(reference.consistencyProof(old, size), proof);
        assertTrue(
            MerkleVerifier.verifyConsistency(old, size, math.root(0, old), root, proof)
                instanceof io.countersign.verifier.merkle.Verification.Valid);
      }
    }
  }

  @Test
  void rootWhenLargeTreeThenAsksOnlyForFewSubtrees() {
    List<byte[]> leaves = leafHashes(1000);
    long[] asked = new long[1];
    byte[] root = new TreeMath(counting(leaves, asked)).root(0, 1000);
    assertArrayEquals(MerkleTree.of(leaves).root(), root);
    assertEquals(Long.bitCount(1000), asked[0]);
  }

  @Test
  void proofsWhenOutOfRangeThenRefused() {
    TreeMath math = new TreeMath(counting(leafHashes(4), new long[1]));
    assertThrows(IllegalArgumentException.class, () -> math.inclusionProof(4, 4));
    assertThrows(IllegalArgumentException.class, () -> math.consistencyProof(0, 4));
    assertThrows(IllegalArgumentException.class, () -> math.consistencyProof(5, 4));
  }

  /** Server-side proofs equal the proofs of every valid shared vector (they share the tree). */
  @Test
  void proofsWhenSharedVectorsThenEqualEveryValidOne() throws Exception {
    Path vectors = Path.of("..", "..", "shared", "testdata", "merkle");
    Assumptions.assumeTrue(
        Files.isDirectory(vectors), "shared/testdata/merkle is absent: vectors skipped");
    List<byte[]> leaves = new ArrayList<>();
    for (String hex : RFC_LEAVES) {
      leaves.add(MerkleHash.leafHash(HexFormat.of().parseHex(hex)));
    }
    TreeMath math = new TreeMath(counting(leaves, new long[1]));
    int compared = 0;
    try (Stream<Path> files = Files.walk(vectors)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        String json = Files.readString(file, StandardCharsets.UTF_8);
        if (!json.contains("\"wantErr\": false") || json.contains("\"proof\": null")) {
          continue;
        }
        List<byte[]> expected = proof(json);
        if (file.toString().contains("inclusion")) {
          long index = number(json, "leafIdx");
          long size = number(json, "treeSize");
          if (size > RFC_LEAVES.length || size < 1 || index >= size) {
            continue;
          }
          assertHashesEqual(expected, math.inclusionProof(index, size));
        } else {
          long from = number(json, "size1");
          long to = number(json, "size2");
          if (to > RFC_LEAVES.length || from < 1 || from > to) {
            continue;
          }
          assertHashesEqual(expected, math.consistencyProof(from, to));
        }
        compared++;
      }
    }
    assertTrue(compared >= 4, "compared " + compared + " vectors");
  }

  private static long number(String json, String field) {
    Matcher m = Pattern.compile("\"" + field + "\":\\s*(\\d+)").matcher(json);
    assertTrue(m.find(), field);
    return Long.parseLong(m.group(1));
  }

  private static List<byte[]> proof(String json) {
    Matcher list = Pattern.compile("\"proof\":\\s*\\[([^\\]]*)\\]").matcher(json);
    List<byte[]> hashes = new ArrayList<>();
    if (list.find()) {
      Matcher item = Pattern.compile("\"([A-Za-z0-9+/=]+)\"").matcher(list.group(1));
      while (item.find()) {
        hashes.add(Base64.getDecoder().decode(item.group(1)));
      }
    }
    return hashes;
  }

  private static HashSource counting(List<byte[]> leaves, long[] asked) {
    return (start, size) -> {
      asked[0]++;
      assertEquals(0, start % size, "aligned");
      assertEquals(1, Long.bitCount(size), "power of two");
      return MerkleTree.of(leaves.subList((int) start, (int) (start + size))).root();
    };
  }

  private static List<byte[]> leafHashes(int count) {
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      leaves.add(MerkleHash.leafHash(("entry " + i).getBytes(StandardCharsets.UTF_8)));
    }
    return leaves;
  }

  private static void assertHashesEqual(List<byte[]> expected, List<byte[]> actual) {
    assertEquals(expected.size(), actual.size(), "proof length");
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i), actual.get(i), "proof hash " + i);
    }
  }
}
