package io.countersign.verifier.export;

import io.countersign.verifier.merkle.MerkleFrontier;
import io.countersign.verifier.merkle.MerkleHash;
import io.countersign.verifier.merkle.MerkleTree;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Streams {@code entries.jsonl} once, keeping only 32-byte hashes: the leaf hash of every entry's
 * bytes, or an elided entry's recorded hash, goes into a {@link MerkleTree}. Stops at the first
 * malformed line or index out of sequence.
 */
final class EntryScanner {

  /** The longest entry line accepted (an event is a few kilobytes at most). */
  static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

  private final Set<Long> sizesOfInterest;
  private final MerkleTree tree = new MerkleTree();
  private final EntryCounts counts;
  private final Map<Long, byte[]> recordedRoots = new HashMap<>();
  private OptionalLong firstMismatch = OptionalLong.empty();
  // Built only from the first mismatch on: until then the recorded hashes are the rebuilt ones.
  private Optional<MerkleFrontier> recorded = Optional.empty();

  /** {@code sizesOfInterest}: the tree sizes whose recorded-hash root may be asked for. */
  EntryScanner(Set<Long> sizesOfInterest) {
    this.sizesOfInterest = Set.copyOf(sizesOfInterest);
    this.counts = new EntryCounts(sizesOfInterest);
  }

  /** Reads {@code entries} to its end or its first malformed line; does not close it. */
  EntryScan scan(InputStream entries) throws IOException {
    LineReader lines = new LineReader(new BufferedInputStream(entries, 1 << 16), MAX_LINE_BYTES);
    while (true) {
      long index = tree.size();
      LineReader.Status status = lines.next();
      if (status == LineReader.Status.END) {
        return result(Optional.empty());
      }
      if (status != LineReader.Status.LINE) {
        return result(Optional.of(malformed(index, describe(status))));
      }
      Optional<AuditResult.Fail> failure = add(index, lines.line(), lines.length());
      if (failure.isPresent()) {
        return result(failure);
      }
    }
  }

  private Optional<AuditResult.Fail> add(long index, byte[] line, int length) {
    EntryLine.Parsed entry;
    try {
      entry = EntryLine.parse(line, length);
    } catch (IllegalArgumentException e) {
      return Optional.of(malformed(index, e.getMessage()));
    }
    if (entry.index() != index) {
      return Optional.of(
          AuditResult.fail(
              index,
              "entry "
                  + index
                  + ": line "
                  + (index + 1)
                  + " of "
                  + ExportLayout.ENTRIES
                  + " carries index "
                  + entry.index()
                  + " (an entry is missing, duplicated or out of order here)"));
    }
    // An elided entry has no bytes to check: its recorded hash stands in, and the signed roots
    // prove it (or the checkpoint above it fails).
    byte[] leafHash =
        entry.elided()
            ? entry.recordedLeafHash()
            : MerkleHash.leafHash(line, entry.leafOffset(), entry.leafLength());
    counts.add(index, entry.elided());
    if (recorded.isEmpty() && !MessageDigest.isEqual(leafHash, entry.recordedLeafHash())) {
      firstMismatch = OptionalLong.of(index);
      recorded = Optional.of(tree.frontier(index));
    }
    tree.append(leafHash);
    recorded.ifPresent(frontier -> frontier.append(entry.recordedLeafHash()));
    if (recorded.isPresent() && sizesOfInterest.contains(tree.size())) {
      recordedRoots.put(tree.size(), recorded.get().root());
    }
    return Optional.empty();
  }

  private EntryScan result(Optional<AuditResult.Fail> malformed) {
    return new EntryScan(tree, counts, firstMismatch, Map.copyOf(recordedRoots), malformed);
  }

  private static AuditResult.Fail malformed(long index, String problem) {
    return AuditResult.fail(
        index,
        "entry " + index + ": line " + (index + 1) + " of " + ExportLayout.ENTRIES + " " + problem);
  }

  private static String describe(LineReader.Status status) {
    return status == LineReader.Status.TOO_LONG
        ? "is longer than " + MAX_LINE_BYTES + " bytes"
        : "does not end with a newline (the file is cut short)";
  }
}
