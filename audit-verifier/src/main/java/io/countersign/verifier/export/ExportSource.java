package io.countersign.verifier.export;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the verifier reads an export's files from: a directory or a zip file. */
sealed interface ExportSource extends Closeable permits ExportDirectory, ExportZip {

  /** A directory is read as one; any other file as a zip. */
  static ExportSource open(Path export) throws IOException {
    return Files.isDirectory(export) ? new ExportDirectory(export) : ExportZip.open(export);
  }

  /**
   * Opens one of the {@link ExportLayout} files for streaming; throws {@link
   * java.nio.file.NoSuchFileException} if the export lacks it.
   */
  InputStream open(String file) throws IOException;
}
