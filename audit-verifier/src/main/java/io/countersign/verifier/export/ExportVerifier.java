package io.countersign.verifier.export;

import io.countersign.verifier.note.Checkpoint;
import io.countersign.verifier.note.NoteVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies an export directory offline: checkpoint signatures against pinned keys, the tree rebuilt
 * from the entries against every checkpoint, consistency between checkpoints and with the
 * checkpoint the auditor kept from last time. Reports the first problem found.
 */
public final class ExportVerifier {

  /** The largest checkpoints file read (a checkpoint is a few hundred bytes). */
  static final long MAX_CHECKPOINTS_BYTES = 256L * 1024 * 1024;

  private final CheckpointChain chain;
  private final Optional<String> origin;

  /**
   * @param keys the pinned verifier keys: only checkpoints they sign count
   * @param origin the log the auditor expects, or empty to take the first checkpoint's
   */
  public ExportVerifier(NoteVerifier keys, Optional<String> origin) {
    this.chain = new CheckpointChain(keys);
    this.origin = origin;
  }

  /**
   * @param exportDir the export directory
   * @param previousCheckpoint the signed checkpoint the auditor kept from the last run, if any
   */
  public AuditResult verify(Path exportDir, Optional<String> previousCheckpoint) {
    try {
      return verifyOrThrow(exportDir, previousCheckpoint);
    } catch (NoSuchFileException e) {
      return AuditResult.fail("the export has no " + e.getFile());
    } catch (IOException e) {
      return AuditResult.fail("cannot read the export: " + e);
    }
  }

  private AuditResult verifyOrThrow(Path dir, Optional<String> previousNote) throws IOException {
    Path checkpointsFile = dir.resolve(ExportLayout.CHECKPOINTS);
    if (Files.size(checkpointsFile) > MAX_CHECKPOINTS_BYTES) {
      return AuditResult.fail(ExportLayout.CHECKPOINTS + " is larger than it can be");
    }
    List<String> notes;
    try {
      notes = CheckpointFile.split(Files.readString(checkpointsFile, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return AuditResult.fail(ExportLayout.CHECKPOINTS + " " + e.getMessage());
    }
    CheckpointChain.Outcome opened = chain.open(notes, origin);
    if (opened.failure().isPresent()) {
      return opened.failure().get();
    }
    List<CheckpointChain.Verified> checkpoints = opened.checkpoints();
    Optional<Checkpoint> previous = Optional.empty();
    if (previousNote.isPresent()) {
      String log = checkpoints.get(0).checkpoint().origin();
      CheckpointChain.Outcome kept =
          chain.openOne(0, previousNote.get(), "your previous checkpoint", Optional.of(log));
      if (kept.failure().isPresent()) {
        return kept.failure().get();
      }
      previous = Optional.of(kept.checkpoints().get(0).checkpoint());
    }
    Set<Long> sizes = new HashSet<>();
    checkpoints.forEach(signed -> sizes.add(signed.checkpoint().size()));
    EntryScan scan = new EntryScanner(sizes).scan(dir.resolve(ExportLayout.ENTRIES));
    return judge(scan, checkpoints, previous);
  }

  private static AuditResult judge(
      EntryScan scan, List<CheckpointChain.Verified> checkpoints, Optional<Checkpoint> previous) {
    TreeAudit audit = new TreeAudit(scan, checkpoints);
    // A malformed line stops the scan; a checkpoint broken before it is the earlier problem.
    Optional<AuditResult.Fail> failure =
        audit.checkRoots(scan.malformed().isPresent() ? scan.entryCount() : Long.MAX_VALUE);
    failure = failure.or(() -> entryProblems(scan, audit));
    failure = failure.or(audit::checkConsistency);
    CheckpointChain.Verified latest = checkpoints.get(checkpoints.size() - 1);
    if (failure.isEmpty() && previous.isPresent()) {
      failure = audit.checkPrevious(previous.get(), latest);
    }
    if (failure.isPresent()) {
      return failure.get();
    }
    return pass(scan, checkpoints, latest, previous);
  }

  /** A malformed line or an entry not matching its recorded hash: whichever comes first. */
  private static Optional<AuditResult.Fail> entryProblems(EntryScan scan, TreeAudit audit) {
    Optional<AuditResult.Fail> recorded = audit.checkRecordedHashes();
    if (scan.malformed().isEmpty()) {
      return recorded;
    }
    long malformedAt = scan.malformed().get().firstBrokenEntry().orElse(Long.MAX_VALUE);
    boolean recordedFirst =
        recorded.isPresent() && recorded.get().firstBrokenEntry().getAsLong() < malformedAt;
    return recordedFirst ? recorded : scan.malformed();
  }

  private static AuditResult.Pass pass(
      EntryScan scan,
      List<CheckpointChain.Verified> checkpoints,
      CheckpointChain.Verified latest,
      Optional<Checkpoint> previous) {
    Set<String> signers = new LinkedHashSet<>();
    checkpoints.forEach(signed -> signers.addAll(signed.signers()));
    long unsigned = scan.entryCount() - latest.checkpoint().size();
    List<String> details = new ArrayList<>();
    details.add(
        "checkpoints: "
            + checkpoints.size()
            + " verified, all signed by pinned keys: "
            + String.join(", ", signers));
    details.add(
        "entries: "
            + scan.entryCount()
            + (unsigned == 0
                ? ", all covered by the latest checkpoint"
                : ", of which the last " + unsigned + " are not covered by a checkpoint yet"));
    details.add(
        previous
            .map(p -> "previous checkpoint: size " + p.size() + ", consistent with the latest")
            .orElse("previous checkpoint: none given; keep the latest one for your next run"));
    return new AuditResult.Pass(
        latest.checkpoint(),
        latest.note(),
        scan.entryCount(),
        checkpoints.size(),
        List.copyOf(signers),
        details);
  }
}
