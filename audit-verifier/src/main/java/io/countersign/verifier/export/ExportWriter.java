package io.countersign.verifier.export;

import io.countersign.verifier.note.SignedNote;
import io.countersign.verifier.note.VerifierKey;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an export directory: entries streamed in index order from 0, then the checkpoints and the
 * published keys on {@link #close()}. Refuses to overwrite an existing export.
 */
public final class ExportWriter implements Closeable {

  private final Path dir;
  private final OutputStream entries;
  private final List<String> checkpoints = new ArrayList<>();
  private final List<String> keys = new ArrayList<>();
  private long nextIndex;

  private ExportWriter(Path dir, OutputStream entries) {
    this.dir = dir;
    this.entries = entries;
  }

  /** Creates {@code dir} if needed; fails if it already holds an export. */
  public static ExportWriter create(Path dir) throws IOException {
    Files.createDirectories(dir);
    OutputStream entries =
        Files.newOutputStream(dir.resolve(ExportLayout.ENTRIES), StandardOpenOption.CREATE_NEW);
    return new ExportWriter(dir, new BufferedOutputStream(entries, 1 << 16));
  }

  /** Appends the next entry, hashing its leaf bytes now; returns its index. */
  public long append(byte[] leafBytes) throws IOException {
    entries.write(EntryLine.encode(nextIndex, leafBytes));
    return nextIndex++;
  }

  /** Appends the next entry with the leaf hash the log recorded when it was appended. */
  public long append(byte[] leafBytes, byte[] recordedLeafHash) throws IOException {
    entries.write(EntryLine.encode(nextIndex, recordedLeafHash, leafBytes));
    return nextIndex++;
  }

  /** Adds a signed checkpoint; add them oldest first. */
  public void checkpoint(SignedNote note) {
    checkpoints.add(note.format());
  }

  /** Adds a key the log publishes (current and, during a rotation, previous). */
  public void publishedKey(VerifierKey key) {
    keys.add(key.encoded());
  }

  @Override
  public void close() throws IOException {
    entries.close();
    Files.writeString(
        dir.resolve(ExportLayout.CHECKPOINTS),
        CheckpointFile.format(checkpoints),
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE_NEW);
    StringBuilder published = new StringBuilder();
    keys.forEach(key -> published.append(key).append('\n'));
    Files.writeString(
        dir.resolve(ExportLayout.KEYS),
        published,
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE_NEW);
  }
}
