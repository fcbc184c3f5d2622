package io.countersign.verifier.export;

import io.countersign.verifier.note.VerifierKey;
import java.util.List;

/**
 * {@code keys.txt}: the verifier keys the log publishes, one per line, current key first. For the
 * auditor to compare with the keys obtained out of band; the verifier never reads it.
 */
public final class KeysFile {

  private KeysFile() {}

  /** The file content for these keys. */
  public static String format(List<VerifierKey> keys) {
    StringBuilder content = new StringBuilder();
    keys.forEach(key -> content.append(key.encoded()).append('\n'));
    return content.toString();
  }
}
