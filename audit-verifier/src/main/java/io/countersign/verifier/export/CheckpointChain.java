package io.countersign.verifier.export;

import io.countersign.verifier.note.Checkpoint;
import io.countersign.verifier.note.NoteVerification;
import io.countersign.verifier.note.NoteVerifier;
import io.countersign.verifier.note.SignedNote;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Opens signed checkpoints against the pinned keys: each must be signed, well formed, of the one
 * log being audited, and no smaller than the one before it.
 */
final class CheckpointChain {

  /** A checkpoint whose signature verified; {@code position} counts from 1 in its file. */
  record Verified(int position, Checkpoint checkpoint, SignedNote note, List<String> signers) {
    String label() {
      return "checkpoint #" + position + " (size " + checkpoint.size() + ")";
    }
  }

  /** Either the verified checkpoints, in order, or why not. */
  record Outcome(List<Verified> checkpoints, Optional<AuditResult.Fail> failure) {}

  private final NoteVerifier keys;

  CheckpointChain(NoteVerifier keys) {
    this.keys = keys;
  }

  Outcome open(List<String> notes, Optional<String> expectedOrigin) {
    if (notes.isEmpty()) {
      return failed(AuditResult.fail(ExportLayout.CHECKPOINTS + " holds no checkpoint"));
    }
    List<Verified> verified = new ArrayList<>();
    Optional<String> origin = expectedOrigin;
    for (int i = 0; i < notes.size(); i++) {
      String where = "checkpoint #" + (i + 1) + " of " + ExportLayout.CHECKPOINTS;
      Outcome one = openOne(i + 1, notes.get(i), where, origin);
      if (one.failure().isPresent()) {
        return one;
      }
      Verified current = one.checkpoints().get(0);
      origin = Optional.of(current.checkpoint().origin());
      if (!verified.isEmpty()
          && current.checkpoint().size() < verified.get(verified.size() - 1).checkpoint().size()) {
        Verified before = verified.get(verified.size() - 1);
        return failed(
            AuditResult.fail(
                where
                    + " has size "
                    + current.checkpoint().size()
                    + ", smaller than "
                    + before.label()
                    + ": the log shrank"));
      }
      verified.add(current);
    }
    return new Outcome(verified, Optional.empty());
  }

  /** One signed checkpoint, e.g. the one the auditor kept from last time. */
  Outcome openOne(int position, String note, String where, Optional<String> expectedOrigin) {
    NoteVerification verification = keys.open(note);
    if (verification instanceof NoteVerification.Rejected rejected) {
      return failed(AuditResult.fail(where + ": " + rejected.reason()));
    }
    NoteVerification.Verified signed = (NoteVerification.Verified) verification;
    Checkpoint checkpoint;
    try {
      checkpoint = Checkpoint.parse(signed.note().text());
    } catch (IllegalArgumentException e) {
      return failed(AuditResult.fail(where + " is not a checkpoint: " + e.getMessage()));
    }
    if (expectedOrigin.isPresent() && !expectedOrigin.get().equals(checkpoint.origin())) {
      return failed(
          AuditResult.fail(
              where
                  + " is from log '"
                  + checkpoint.origin()
                  + "', not '"
                  + expectedOrigin.get()
                  + "'"));
    }
    List<String> signers =
        signed.signers().stream().map(key -> key.name() + "+" + key.keyIdHex()).toList();
    return new Outcome(
        List.of(new Verified(position, checkpoint, signed.note(), signers)), Optional.empty());
  }

  private static Outcome failed(AuditResult.Fail failure) {
    return new Outcome(List.of(), Optional.of(failure));
  }
}
