package io.countersign.verifier.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** An export as a directory holding the {@link ExportLayout} files. */
record ExportDirectory(Path dir) implements ExportSource {

  @Override
  public InputStream open(String file) throws IOException {
    return Files.newInputStream(dir.resolve(file));
  }

  @Override
  public void close() {}
}
