package io.countersign.verifier.merkle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The transparency-dev/merkle vectors in {@code shared/testdata/merkle} (system property {@code
 * merkle.vectors}, set by the POM): {@code inclusion/**.json} and {@code consistency/**.json}.
 */
final class MerkleVectors {

  record Inclusion(
      Path file,
      long leafIndex,
      long treeSize,
      byte[] root,
      byte[] leafHash,
      List<byte[]> proof,
      boolean wantErr) {}

  record Consistency(
      Path file,
      long size1,
      long size2,
      byte[] root1,
      byte[] root2,
      List<byte[]> proof,
      boolean wantErr) {}

  private MerkleVectors() {}

  static Path folder() {
    return Path.of(System.getProperty("merkle.vectors", "../../shared/testdata/merkle"));
  }

  static boolean present() {
    return Files.isDirectory(folder().resolve("inclusion"))
        && Files.isDirectory(folder().resolve("consistency"));
  }

  static List<Inclusion> inclusion() {
    return files("inclusion")
        .map(
            file -> {
              Map<String, Object> v = read(file);
              return new Inclusion(
                  file,
                  number(v, "leafIdx"),
                  number(v, "treeSize"),
                  hash(v.get("root")),
                  hash(v.get("leafHash")),
                  hashes(v.get("proof")),
                  (Boolean) v.get("wantErr"));
            })
        .toList();
  }

  static List<Consistency> consistency() {
    return files("consistency")
        .map(
            file -> {
              Map<String, Object> v = read(file);
              return new Consistency(
                  file,
                  number(v, "size1"),
                  number(v, "size2"),
                  hash(v.get("root1")),
                  hash(v.get("root2")),
                  hashes(v.get("proof")),
                  (Boolean) v.get("wantErr"));
            })
        .toList();
  }

  private static Stream<Path> files(String kind) {
    try (Stream<Path> walk = Files.walk(folder().resolve(kind))) {
      return walk.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> read(Path file) {
    try {
      return (Map<String, Object>) VectorJson.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // The vectors are Go uint64s; 2^64 - 1 keeps its bits as -1, which is just as out of range.
  private static long number(Map<String, Object> vector, String key) {
    return ((BigInteger) vector.get(key)).longValue();
  }

  private static byte[] hash(Object base64) {
    return base64 instanceof String text ? Base64.getDecoder().decode(text) : new byte[0];
  }

  private static List<byte[]> hashes(Object array) {
    if (!(array instanceof List<?> list)) {
      return List.of(); // "proof": null in Go is an empty proof
    }
    return list.stream().map(MerkleVectors::hash).toList();
  }
}
