package io.countersign.verifier.note;

import java.util.Arrays;
import java.util.Objects;

/**
 * One signature line of a signed note: {@code — <key name> <base64(key ID || signature)>}, with the
 * em dash U+2014 and the 4-byte key ID big-endian.
 */
public final class NoteSignature {

  /** Em dash (U+2014) and a space: how every signature line starts. */
  static final String LINE_PREFIX = "\u2014 ";

  private final String keyName;
  private final int keyId;
  private final byte[] signature;

  public NoteSignature(String keyName, int keyId, byte[] signature) {
    this.keyName = VerifierKey.requireKeyName(keyName);
    this.keyId = keyId;
    if (signature.length == 0) {
      throw new IllegalArgumentException("empty signature");
    }
    this.signature = signature.clone();
  }

  /** Parses one signature line, without its final newline. */
  static NoteSignature parseLine(String line) {
    if (!line.startsWith(LINE_PREFIX)) {
      throw new IllegalArgumentException("signature line does not start with an em dash and space");
    }
    String rest = line.substring(LINE_PREFIX.length());
    int space = rest.indexOf(' ');
    if (space < 0 || rest.indexOf(' ', space + 1) >= 0) {
      throw new IllegalArgumentException("signature line is not '— <key name> <base64>'");
    }
    byte[] idAndSignature = StrictBase64.decode(rest.substring(space + 1), "signature");
    if (idAndSignature.length < 5) {
      throw new IllegalArgumentException("signature is shorter than a key ID and one byte");
    }
    int keyId =
        (idAndSignature[0] & 0xff) << 24
            | (idAndSignature[1] & 0xff) << 16
            | (idAndSignature[2] & 0xff) << 8
            | idAndSignature[3] & 0xff;
    return new NoteSignature(
        rest.substring(0, space),
        keyId,
        Arrays.copyOfRange(idAndSignature, 4, idAndSignature.length));
  }

  /** The signature line, with its final newline. */
  String line() {
    byte[] idAndSignature = new byte[4 + signature.length];
    idAndSignature[0] = (byte) (keyId >>> 24);
    idAndSignature[1] = (byte) (keyId >>> 16);
    idAndSignature[2] = (byte) (keyId >>> 8);
    idAndSignature[3] = (byte) keyId;
    System.arraycopy(signature, 0, idAndSignature, 4, signature.length);
    return LINE_PREFIX + keyName + " " + StrictBase64.encode(idAndSignature) + "\n";
  }

  public String keyName() {
    return keyName;
  }

  public int keyId() {
    return keyId;
  }

  public byte[] signature() {
    return signature.clone();
  }

  byte[] signatureBytes() {
    return signature;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NoteSignature that
        && keyName.equals(that.keyName)
        && keyId == that.keyId
        && Arrays.equals(signature, that.signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(keyName, keyId, Arrays.hashCode(signature));
  }

  @Override
  public String toString() {
    return line().strip();
  }
}
