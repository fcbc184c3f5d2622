package io.countersign.verifier.export;

import io.countersign.verifier.note.Checkpoint;
import io.countersign.verifier.note.NoteVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipException;

/**
 * Verifies an export (a directory or a zip file) offline: checkpoint signatures against pinned
 * keys, the tree rebuilt from the entries against every checkpoint, consistency between checkpoints
 * and with the checkpoint the auditor kept from last time. Reports the first problem found.
 */
public final class ExportVerifier {

  /** The largest checkpoints file read (a checkpoint is a few hundred bytes). */
  static final int MAX_CHECKPOINTS_BYTES = 256 * 1024 * 1024;

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
   * @param export the export directory, or a zip file holding its files at the root
   * @param previousCheckpoint the signed checkpoint the auditor kept from the last run, if any
   */
  public AuditResult verify(Path export, Optional<String> previousCheckpoint) {
    try (ExportSource source = ExportSource.open(export)) {
      return verifyOrThrow(source, previousCheckpoint);
    } catch (NoSuchFileException e) {
      return AuditResult.fail("the export has no " + e.getFile());
    } catch (ZipException e) {
      return AuditResult.fail(export + " is not a valid export zip: " + e.getMessage());
    } catch (IOException e) {
      return AuditResult.fail("cannot read the export: " + e);
    }
  }

  private AuditResult verifyOrThrow(ExportSource source, Optional<String> previousNote)
      throws IOException {
    Optional<String> checkpointsText = readCheckpoints(source);
    if (checkpointsText.isEmpty()) {
      return AuditResult.fail(ExportLayout.CHECKPOINTS + " is larger than it can be");
    }
    List<String> notes;
    try {
      notes = CheckpointFile.split(checkpointsText.get());
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
    EntryScan scan;
    try (InputStream entries = source.open(ExportLayout.ENTRIES)) {
      scan = new EntryScanner(sizes).scan(entries);
    }
    return judge(scan, checkpoints, previous);
  }

  /** The checkpoints file as strict UTF-8 text, or empty if it is larger than it can be. */
  private static Optional<String> readCheckpoints(ExportSource source) throws IOException {
    byte[] bytes;
    try (InputStream in = source.open(ExportLayout.CHECKPOINTS)) {
      bytes = in.readNBytes(MAX_CHECKPOINTS_BYTES + 1);
    }
    if (bytes.length > MAX_CHECKPOINTS_BYTES) {
      return Optional.empty();
    }
    return Optional.of(
        StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString());
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
    EntryCounts counts = scan.counts();
    List<String> details = new ArrayList<>();
    details.add(
        "checkpoints: "
            + checkpoints.size()
            + " verified, all signed by pinned keys: "
            + String.join(", ", signers));
    details.add(
        "entries: "
            + scan.entryCount()
            + (counts.elided() == 0
                ? ""
                : " (" + counts.full() + " in full, " + counts.elided() + " elided to their hash)")
            + (unsigned == 0
                ? ", all covered by the latest checkpoint"
                : ", of which the last " + unsigned + " are not covered by a checkpoint yet"));
    if (counts.elided() > 0) {
      details.add("in full: " + counts.fullRange());
    }
    details.add(
        previous
            .map(p -> "previous checkpoint: size " + p.size() + ", consistent with the latest")
            .orElse("previous checkpoint: none given; keep the latest one for your next run"));
    return new AuditResult.Pass(
        latest.checkpoint(),
        latest.note(),
        scan.entryCount(),
        counts.elided(),
        checkpoints.size(),
        List.copyOf(signers),
        details);
  }
}
