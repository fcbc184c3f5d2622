package io.countersign.verifier.export;

import io.countersign.verifier.note.Checkpoint;
import io.countersign.verifier.note.SignedNote;
import java.util.List;
import java.util.OptionalLong;

/** The verdict on an export: PASS with what was proven, or FAIL at the first problem found. */
public sealed interface AuditResult permits AuditResult.Pass, AuditResult.Fail {

  /**
   * Every checkpoint is signed by a pinned key and matches the tree rebuilt from the entries, the
   * checkpoints are consistent with each other and with the auditor's previous checkpoint.
   *
   * @param latest the latest checkpoint: the tree size and root the export proves
   * @param latestNote that checkpoint as signed, to keep for the next run
   * @param entryCount entries in the export (those beyond {@code latest.size()} are not signed yet)
   * @param elidedCount of these, the entries elided to their recorded hash (not checked byte by
   *     byte: the checkpoints prove the hash, not what the entry said)
   * @param checkpointCount checkpoints verified
   * @param signers the pinned keys that signed at least one checkpoint
   * @param details further lines for the report
   */
  record Pass(
      Checkpoint latest,
      SignedNote latestNote,
      long entryCount,
      long elidedCount,
      int checkpointCount,
      List<String> signers,
      List<String> details)
      implements AuditResult {
    public Pass {
      signers = List.copyOf(signers);
      details = List.copyOf(details);
    }
  }

  /**
   * The export does not prove the log's integrity.
   *
   * @param reason what is wrong, where
   * @param firstBrokenEntry the first entry index known to be wrong or missing, when known exactly
   */
  record Fail(String reason, OptionalLong firstBrokenEntry) implements AuditResult {}

  static Fail fail(String reason) {
    return new Fail(reason, OptionalLong.empty());
  }

  static Fail fail(long firstBrokenEntry, String reason) {
    return new Fail(reason, OptionalLong.of(firstBrokenEntry));
  }
}
