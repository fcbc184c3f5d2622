package io.countersign.verifier.note;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A C2SP signed note: a text ending in a newline, a blank line, then one or more signature lines.
 * {@link #parse} and {@link #format} are exact inverses; parsing is strict and bounded.
 */
public final class SignedNote {

  /** C2SP: verifiers MUST accept at least 16 signatures; more than this is refused. */
  public static final int MAX_SIGNATURES = 100;

  /** The longest note accepted, in UTF-8 bytes (room for 16 post-quantum signatures). */
  public static final int MAX_BYTES = 256 * 1024;

  private final String text;
  private final List<NoteSignature> signatures;

  public SignedNote(String text, List<NoteSignature> signatures) {
    this.text = requireText(text);
    this.signatures = List.copyOf(signatures);
    if (this.signatures.isEmpty() || this.signatures.size() > MAX_SIGNATURES) {
      throw new IllegalArgumentException(
          "a note has 1 to " + MAX_SIGNATURES + " signatures, not " + this.signatures.size());
    }
    Set<String> seen = new HashSet<>();
    for (NoteSignature signature : this.signatures) {
      if (!seen.add(signature.keyName() + "+" + signature.keyId())) {
        throw new IllegalArgumentException("two signatures by key " + signature.keyName());
      }
    }
    if (format().getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new IllegalArgumentException("note is longer than " + MAX_BYTES + " bytes");
    }
  }

  /** Signs {@code text} with each signer, in order: during a key rotation, old and new key. */
  public static SignedNote sign(String text, List<NoteSigner> signers) {
    requireText(text);
    List<NoteSignature> signatures = new ArrayList<>();
    signers.forEach(signer -> signatures.add(signer.sign(text)));
    return new SignedNote(text, signatures);
  }

  /** Parses a note from its bytes, which must be valid UTF-8. */
  public static SignedNote parse(byte[] note) {
    if (note.length > MAX_BYTES) {
      throw new IllegalArgumentException("note is longer than " + MAX_BYTES + " bytes");
    }
    try {
      return parse(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(note))
              .toString());
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("note is not valid UTF-8", e);
    }
  }

  /**
   * Parses a note: the text is everything up to the last blank line (C2SP: "the text is separated
   * from the signatures by the last empty line in the note"); every later line is a signature.
   */
  public static SignedNote parse(String note) {
    if (note.length() > MAX_BYTES) {
      throw new IllegalArgumentException("note is longer than " + MAX_BYTES + " bytes");
    }
    requireNoControlCharacters(note);
    if (!note.endsWith("\n")) {
      throw new IllegalArgumentException("note does not end with a newline");
    }
    int blank = note.lastIndexOf("\n\n");
    if (blank < 0) {
      throw new IllegalArgumentException("note has no blank line before its signatures");
    }
    String block = note.substring(blank + 2);
    if (block.isEmpty()) {
      throw new IllegalArgumentException("note has no signature");
    }
    String[] lines = block.substring(0, block.length() - 1).split("\n", -1);
    if (lines.length > MAX_SIGNATURES) {
      throw new IllegalArgumentException("note has more than " + MAX_SIGNATURES + " signatures");
    }
    List<NoteSignature> signatures = new ArrayList<>();
    for (String line : lines) {
      signatures.add(NoteSignature.parseLine(line));
    }
    return new SignedNote(note.substring(0, blank + 1), signatures);
  }

  /** The note as sent: text, blank line, signature lines. */
  public String format() {
    StringBuilder note = new StringBuilder(text).append('\n');
    signatures.forEach(signature -> note.append(signature.line()));
    return note.toString();
  }

  /** The signed text, final newline included. */
  public String text() {
    return text;
  }

  public List<NoteSignature> signatures() {
    return signatures;
  }

  byte[] textBytes() {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String requireText(String text) {
    if (!text.endsWith("\n")) {
      throw new IllegalArgumentException("note text must end with a newline");
    }
    requireNoControlCharacters(text);
    return text;
  }

  // C2SP: signed notes MUST NOT contain ASCII control characters other than newline.
  private static void requireNoControlCharacters(String note) {
    for (int i = 0; i < note.length(); i++) {
      char c = note.charAt(i);
      if (c < 0x20 && c != '\n') {
        throw new IllegalArgumentException("note has control character U+00" + hex(c));
      }
    }
  }

  private static String hex(char c) {
    return String.format("%02X", (int) c);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SignedNote that
        && text.equals(that.text)
        && signatures.equals(that.signatures);
  }

  @Override
  public int hashCode() {
    return text.hashCode() * 31 + signatures.hashCode();
  }

  @Override
  public String toString() {
    return format();
  }
}
