package io.countersign.verifier.export;

import io.countersign.verifier.merkle.MerkleTree;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What reading {@code entries.jsonl} yields: the tree rebuilt from the leaf bytes (and from the
 * recorded hashes of elided entries), which entries were elided, the first entry whose bytes do not
 * hash to its recorded {@code leafHash}, the roots of the recorded hashes at the sizes asked for
 * (only once they diverge from the rebuilt tree), or why the file is unreadable.
 */
record EntryScan(
    MerkleTree tree,
    EntryCounts counts,
    OptionalLong firstRecordedHashMismatch,
    Map<Long, byte[]> recordedRoots,
    Optional<AuditResult.Fail> malformed) {

  long entryCount() {
    return tree.size();
  }

  /** The root of the recorded leaf hashes at {@code size}: the rebuilt root until they diverge. */
  byte[] recordedRoot(long size) {
    byte[] diverged = recordedRoots.get(size);
    return diverged != null ? diverged.clone() : tree.root(size);
  }
}
