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
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an export, as a directory or as a zip streamed to any {@link OutputStream}: entries
 * streamed in index order from 0, each in full or elided to its recorded hash, then the checkpoints
 * and the published keys on {@link #close()}.
 *
 * <p>For instance, an HTTP response holding one month of a log:
 *
 * <pre>{@code
 * try (ExportWriter export = ExportWriter.zip(response.getOutputStream())) {
 *   for (each entry from index 0) {
 *     if (in the month) export.append(leafBytes, recordedLeafHash);
 *     else export.appendElided(recordedLeafHash);
 *   }
 *   signedCheckpoints.forEach(export::checkpoint);  // oldest first
 *   publishedKeys.forEach(export::publishedKey);    // current first
 * }
 * }</pre>
 */
public final class ExportWriter implements Closeable {

  private final FileSink files;
  private final OutputStream entries;
  private final List<String> checkpoints = new ArrayList<>();
  private final List<VerifierKey> keys = new ArrayList<>();
  private long nextIndex;

  private ExportWriter(FileSink files) throws IOException {
    this.files = files;
    this.entries = files.next(ExportLayout.ENTRIES);
  }

  /** Writes into {@code dir}, created if needed; fails if it already holds an export. */
  public static ExportWriter create(Path dir) throws IOException {
    Files.createDirectories(dir);
    return new ExportWriter(new DirectorySink(dir));
  }

  /**
   * Writes a zip with the export's files at its root to {@code out}. {@link #close()} finishes the
   * zip and flushes {@code out} but does not close it.
   */
  public static ExportWriter zip(OutputStream out) throws IOException {
    return new ExportWriter(new ZipSink(out));
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

  /** Appends the next entry elided to the leaf hash the log recorded (outside the range wanted). */
  public long appendElided(byte[] recordedLeafHash) throws IOException {
    entries.write(EntryLine.encodeElided(nextIndex, recordedLeafHash));
    return nextIndex++;
  }

  /**
   * Appends an entry under the index its log stored it with, not the next one in this export: a
   * log's exporter writes its store as it is, so that a deleted or duplicated row shows up as a
   * broken index at the right place instead of being renumbered away.
   */
  public void appendStored(long storedIndex, byte[] leafBytes, byte[] recordedLeafHash)
      throws IOException {
    entries.write(EntryLine.encode(storedIndex, recordedLeafHash, leafBytes));
    nextIndex = storedIndex + 1;
  }

  /** {@link #appendStored} for an entry elided to its recorded hash. */
  public void appendStoredElided(long storedIndex, byte[] recordedLeafHash) throws IOException {
    entries.write(EntryLine.encodeElided(storedIndex, recordedLeafHash));
    nextIndex = storedIndex + 1;
  }

  /** Adds a signed checkpoint; add them oldest first. */
  public void checkpoint(SignedNote note) {
    checkpoints.add(note.format());
  }

  /** Adds a key the log publishes (current and, during a rotation, previous). */
  public void publishedKey(VerifierKey key) {
    keys.add(key);
  }

  @Override
  public void close() throws IOException {
    files.next(ExportLayout.CHECKPOINTS).write(utf8(CheckpointFile.format(checkpoints)));
    files.next(ExportLayout.KEYS).write(utf8(KeysFile.format(keys)));
    files.finish();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The export's files, written one after the other. */
  private interface FileSink {

    /** Ends the file being written, if any, and starts {@code name}. */
    OutputStream next(String name) throws IOException;

    /** Ends the last file and the export. */
    void finish() throws IOException;
  }

  private static final class DirectorySink implements FileSink {
    private final Path dir;
    private OutputStream current = OutputStream.nullOutputStream();

    DirectorySink(Path dir) {
      this.dir = dir;
    }

    @Override
    public OutputStream next(String name) throws IOException {
      current.close();
      OutputStream file = Files.newOutputStream(dir.resolve(name), StandardOpenOption.CREATE_NEW);
      current = new BufferedOutputStream(file, 1 << 16);
      return current;
    }

    @Override
    public void finish() throws IOException {
      current.close();
    }
  }

  private static final class ZipSink implements FileSink {
    private final ZipOutputStream zip;

    ZipSink(OutputStream out) {
      this.zip = new ZipOutputStream(new BufferedOutputStream(out, 1 << 16));
    }

    @Override
    public OutputStream next(String name) throws IOException {
      zip.putNextEntry(new ZipEntry(name));
      return zip;
    }

    @Override
    public void finish() throws IOException {
      zip.finish();
      zip.flush();
    }
  }
}
