package io.countersign.verifier.note;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignedNoteTest {

  private static final NoteSigner SIGNER =
      NoteSigner.ed25519("audit.example.com/acme", Ed25519Keys.generate());
  private static final String TEXT =
      "audit.example.com/acme\n3\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";

  @Test
  void parseWhenFormattedThenSameNote() {
    SignedNote note = SignedNote.sign(TEXT, List.of(SIGNER));
    assertEquals(note, SignedNote.parse(note.format()));
    assertEquals(note.format(), SignedNote.parse(note.format()).format());
    assertEquals(note, SignedNote.parse(note.format().getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void parseWhenTextHasEmptyLinesThenLastBlankLineSeparatesSignatures() {
    String text = "first\n\nthird\n";
    SignedNote note = SignedNote.sign(text, List.of(SIGNER));
    assertEquals(text, SignedNote.parse(note.format()).text());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "no blank line",
        "missing final newline",
        "hyphen instead of em dash",
        "en dash instead of em dash",
        "two spaces",
        "no signature",
        "carriage return",
        "tab",
        "non-canonical base64",
        "unpadded base64",
        "signature too short",
        "empty key name",
        "trailing blank line"
      })
  void parseWhenMalformedThenRejected(String mangling) {
    String good = SignedNote.sign(TEXT, List.of(SIGNER)).format();
    String signature = good.substring(good.indexOf('\u2014'));
    String base64 = signature.substring(signature.lastIndexOf(' ') + 1, signature.length() - 1);
    String bad =
        switch (mangling) {
          case "no blank line" -> TEXT + signature;
          case "missing final newline" -> good.substring(0, good.length() - 1);
          case "hyphen instead of em dash" -> good.replace('\u2014', '-');
          case "en dash instead of em dash" -> good.replace('\u2014', '\u2013');
          case "two spaces" -> good.replace(" " + base64, "  " + base64);
          case "no signature" -> TEXT + "\n";
          case "carriage return" -> good.replace("\n3\n", "\r\n3\n");
          case "tab" -> good.replace("\u2014 ", "\u2014\t");
          case "non-canonical base64" -> good.replace(base64, withLowBitSet(base64));
          case "unpadded base64" -> good.replace(base64, base64.replace("=", ""));
          case "signature too short" -> TEXT + "\n\u2014 audit.example.com/acme AAAAAA==\n";
          case "empty key name" -> good.replace("\u2014 audit.example.com/acme ", "\u2014  ");
          case "trailing blank line" -> good + "\n";
          default -> throw new IllegalArgumentException(mangling);
        };
    assertThrows(IllegalArgumentException.class, () -> SignedNote.parse(bad), mangling);
  }

  // 4 + 64 bytes end in a group of two, whose last character carries two bits that must be zero.
  private static String withLowBitSet(String base64) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    int last = base64.length() - 2;
    char changed = alphabet.charAt(alphabet.indexOf(base64.charAt(last)) | 1);
    return base64.substring(0, last) + changed + "=";
  }

  @Test
  void parseWhenNotUtf8ThenRejected() {
    byte[] note = SignedNote.sign(TEXT, List.of(SIGNER)).format().getBytes(StandardCharsets.UTF_8);
    note[0] = (byte) 0xff;
    assertThrows(IllegalArgumentException.class, () -> SignedNote.parse(note));
  }

  @Test
  void parseWhenTooLongThenRejected() {
    String huge = "x".repeat(SignedNote.MAX_BYTES) + "\n";
    String note = SignedNote.sign(TEXT, List.of(SIGNER)).format();
    assertThrows(IllegalArgumentException.class, () -> SignedNote.parse(huge + note));
  }

  @Test
  void parseWhenTooManySignaturesThenRejected() {
    List<NoteSigner> signers = new ArrayList<>();
    for (int i = 0; i <= SignedNote.MAX_SIGNATURES; i++) {
      signers.add(NoteSigner.ed25519("witness-" + i, Ed25519Keys.generate()));
    }
    StringBuilder note = new StringBuilder(TEXT).append('\n');
    signers.forEach(signer -> note.append(signer.sign(TEXT).line()));
    assertThrows(IllegalArgumentException.class, () -> SignedNote.parse(note.toString()));
  }

  @Test
  void parseWhenSameKeySignsTwiceThenRejected() {
    String line = SIGNER.sign(TEXT).line();
    assertThrows(IllegalArgumentException.class, () -> SignedNote.parse(TEXT + "\n" + line + line));
  }

  @Test
  void signWhenTextLacksFinalNewlineThenRejected() {
    assertThrows(
        IllegalArgumentException.class, () -> SignedNote.sign("no newline", List.of(SIGNER)));
  }
}
