package io.countersign.verifier.note;

import java.util.List;

/** The outcome of checking a note against pinned keys. */
public sealed interface NoteVerification
    permits NoteVerification.Verified, NoteVerification.Rejected {

  /** At least one pinned key signed the note, and no pinned key's signature failed. */
  record Verified(SignedNote note, List<VerifierKey> signers) implements NoteVerification {
    public Verified {
      signers = List.copyOf(signers);
    }
  }

  /** The note must be ignored, and why. */
  record Rejected(String reason) implements NoteVerification {}
}
