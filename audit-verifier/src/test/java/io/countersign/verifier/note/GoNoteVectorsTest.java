package io.countersign.verifier.note;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Known answers from golang.org/x/mod/sumdb/note and the C2SP signed-note example: the same keys,
 * IDs, notes and (Ed25519 being deterministic) the same signatures, byte for byte.
 */
class GoNoteVectorsTest {

  static final String PETER_KEY =
      "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
  static final String PETER_SEED = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
  static final String ENOCH_KEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
  static final String TEXT =
      "If you think cryptography is the answer to your problem,\n"
          + "then you don't know what your problem is.\n";
  static final String PETER_SIGNATURE =
      "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
  static final String ENOCH_SIGNATURE =
      "\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";
  static final String EXAMPLE_KEY =
      "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
  static final String EXAMPLE_NOTE =
      "This is an example message.\n\n"
          + "\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

  @Test
  void parseWhenGoVerifierKeysThenSameIdsAndEncoding() {
    VerifierKey peter = VerifierKey.parse(PETER_KEY);
    assertEquals("PeterNeumann", peter.name());
    assertEquals("c74f20a3", peter.keyIdHex());
    assertEquals(PETER_KEY, peter.encoded());
    assertEquals(ENOCH_KEY, VerifierKey.parse(ENOCH_KEY).encoded());
  }

  @Test
  void signWhenGoPrivateKeyThenSameSignatureAsGo() {
    byte[] typeAndSeed = Base64.getDecoder().decode(PETER_SEED);
    var privateKey = Ed25519Keys.privateKey(Arrays.copyOfRange(typeAndSeed, 1, 33));
    byte[] signature =
        Ed25519Keys.sign(privateKey, TEXT.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    NoteSignature line =
        new NoteSignature("PeterNeumann", VerifierKey.parse(PETER_KEY).keyId(), signature);
    assertEquals(PETER_SIGNATURE, line.line());
  }

  @Test
  void verifyWhenGoNoteSignedByTwoKeysThenEitherPinnedKeyVerifiesIt() {
    String note = TEXT + "\n" + PETER_SIGNATURE + ENOCH_SIGNATURE;
    for (String key : List.of(PETER_KEY, ENOCH_KEY)) {
      NoteVerification result = new NoteVerifier(List.of(VerifierKey.parse(key))).open(note);
      NoteVerification.Verified verified =
          assertInstanceOf(NoteVerification.Verified.class, result);
      assertEquals(TEXT, verified.note().text());
    }
    NoteVerification both =
        new NoteVerifier(List.of(VerifierKey.parse(PETER_KEY), VerifierKey.parse(ENOCH_KEY)))
            .open(note);
    assertEquals(2, assertInstanceOf(NoteVerification.Verified.class, both).signers().size());
  }

  @Test
  void verifyWhenC2spExampleThenVerifiedAndRoundTrips() {
    NoteVerification result =
        new NoteVerifier(List.of(VerifierKey.parse(EXAMPLE_KEY))).open(EXAMPLE_NOTE);
    NoteVerification.Verified verified = assertInstanceOf(NoteVerification.Verified.class, result);
    assertEquals("This is an example message.\n", verified.note().text());
    assertEquals(EXAMPLE_NOTE, verified.note().format());
  }
}
