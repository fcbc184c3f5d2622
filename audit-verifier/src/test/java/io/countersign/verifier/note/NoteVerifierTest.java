package io.countersign.verifier.note;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NoteVerifierTest {

  private static final String ORIGIN = "audit.example.com/acme";
  private static final NoteSigner OLD_KEY = NoteSigner.ed25519(ORIGIN, Ed25519Keys.generate());
  private static final NoteSigner NEW_KEY = NoteSigner.ed25519(ORIGIN, Ed25519Keys.generate());
  private static final String TEXT = ORIGIN + "\n7\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";

  @Test
  void verifyWhenSignedByPinnedKeyThenVerified() {
    String note = SignedNote.sign(TEXT, List.of(OLD_KEY)).format();
    NoteVerification result = verifier(OLD_KEY).open(note);
    assertEquals(
        List.of(OLD_KEY.verifierKey()),
        assertInstanceOf(NoteVerification.Verified.class, result).signers());
  }

  @Test
  void verifyWhenRotationOverlapSignedByBothThenEitherKeyVerifies() {
    String note = SignedNote.sign(TEXT, List.of(OLD_KEY, NEW_KEY)).format();
    assertInstanceOf(NoteVerification.Verified.class, verifier(OLD_KEY).open(note));
    assertInstanceOf(NoteVerification.Verified.class, verifier(NEW_KEY).open(note));
  }

  @Test
  void verifyWhenOnlyUnknownKeySignedThenRejected() {
    String note = SignedNote.sign(TEXT, List.of(NEW_KEY)).format();
    NoteVerification result = verifier(OLD_KEY).open(note);
    assertTrue(
        assertInstanceOf(NoteVerification.Rejected.class, result)
            .reason()
            .startsWith("no signature by a pinned key"));
  }

  @Test
  void verifyWhenUnknownWitnessAlsoSignedThenItIsIgnored() {
    NoteSigner witness = NoteSigner.ed25519("witness.example", Ed25519Keys.generate());
    String note = SignedNote.sign(TEXT, List.of(OLD_KEY, witness)).format();
    assertInstanceOf(NoteVerification.Verified.class, verifier(OLD_KEY).open(note));
  }

  @Test
  void verifyWhenKeyIdIsWrongThenSignatureIsNotAttributedToThePinnedKey() {
    NoteSignature real = OLD_KEY.sign(TEXT);
    NoteSignature wrongId = new NoteSignature(ORIGIN, real.keyId() ^ 1, real.signature());
    String note = new SignedNote(TEXT, List.of(wrongId)).format();
    assertInstanceOf(NoteVerification.Rejected.class, verifier(OLD_KEY).open(note));
  }

  @Test
  void verifyWhenTextAlteredThenRejected() {
    String note = SignedNote.sign(TEXT, List.of(OLD_KEY)).format().replace("\n7\n", "\n8\n");
    NoteVerification result = verifier(OLD_KEY).open(note);
    assertTrue(
        assertInstanceOf(NoteVerification.Rejected.class, result)
            .reason()
            .contains("does not verify"));
  }

  @Test
  void verifyWhenOnePinnedSignatureFailsThenWholeNoteRejectedEvenIfAnotherVerifies() {
    NoteSignature good = OLD_KEY.sign(TEXT);
    NoteSignature forged = new NoteSignature(ORIGIN, NEW_KEY.verifierKey().keyId(), new byte[64]);
    String note = new SignedNote(TEXT, List.of(good, forged)).format();
    NoteVerification result =
        new NoteVerifier(List.of(OLD_KEY.verifierKey(), NEW_KEY.verifierKey())).open(note);
    assertInstanceOf(NoteVerification.Rejected.class, result);
  }

  @Test
  void openWhenMalformedThenRejectedNotThrown() {
    assertInstanceOf(NoteVerification.Rejected.class, verifier(OLD_KEY).open("garbage"));
  }

  @Test
  void constructWhenNoKeyOrDuplicateKeyThenIllegalArgument() {
    assertThrows(IllegalArgumentException.class, () -> new NoteVerifier(List.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new NoteVerifier(List.of(OLD_KEY.verifierKey(), OLD_KEY.verifierKey())));
  }

  private static NoteVerifier verifier(NoteSigner signer) {
    return new NoteVerifier(List.of(signer.verifierKey()));
  }
}
