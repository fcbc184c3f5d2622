package io.countersign.verifier.note;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Checks signed notes against a fixed set of pinned verifier keys (C2SP signed-note). */
public final class NoteVerifier {

  private record KeyRef(String name, int keyId) {}

  private final Map<KeyRef, VerifierKey> pinned = new HashMap<>();

  public NoteVerifier(Collection<VerifierKey> pinnedKeys) {
    if (pinnedKeys.isEmpty()) {
      throw new IllegalArgumentException("pin at least one verifier key");
    }
    for (VerifierKey key : pinnedKeys) {
      if (pinned.putIfAbsent(new KeyRef(key.name(), key.keyId()), key) != null) {
        throw new IllegalArgumentException("two pinned keys share name and ID: " + key.name());
      }
    }
  }

  /** Parses a note strictly, then {@link #verify(SignedNote) verifies} it. */
  public NoteVerification open(String note) {
    SignedNote parsed;
    try {
      parsed = SignedNote.parse(note);
    } catch (IllegalArgumentException e) {
      return new NoteVerification.Rejected("malformed note: " + e.getMessage());
    }
    return verify(parsed);
  }

  /**
   * C2SP: signatures by unknown keys (name and ID not both matching a pinned key) are ignored; a
   * pinned key's signature must verify, else the whole note is rejected; and at least one pinned
   * key must have signed. During a rotation, a note signed by old and new key verifies with either.
   */
  public NoteVerification verify(SignedNote note) {
    byte[] text = note.textBytes();
    List<VerifierKey> signers = new ArrayList<>();
    for (NoteSignature signature : note.signatures()) {
      VerifierKey key = pinned.get(new KeyRef(signature.keyName(), signature.keyId()));
      if (key == null) {
        continue;
      }
      if (!key.verify(text, signature.signatureBytes())) {
        return new NoteVerification.Rejected(
            "the signature by pinned key " + describe(key) + " does not verify");
      }
      signers.add(key);
    }
    if (signers.isEmpty()) {
      return new NoteVerification.Rejected(
          "no signature by a pinned key (signed by "
              + note.signatures().stream()
                  .map(s -> s.keyName() + "+" + String.format("%08x", s.keyId()))
                  .collect(Collectors.joining(", "))
              + ")");
    }
    return new NoteVerification.Verified(note, signers);
  }

  /** The pinned keys. */
  public Collection<VerifierKey> pinnedKeys() {
    return List.copyOf(pinned.values());
  }

  private static String describe(VerifierKey key) {
    return key.name() + "+" + key.keyIdHex();
  }
}
