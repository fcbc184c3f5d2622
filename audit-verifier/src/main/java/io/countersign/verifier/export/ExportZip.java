package io.countersign.verifier.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * An export as a zip file, as the server streams it: the {@link ExportLayout} files at the zip's
 * root, each at most once, and nothing else. Files are inflated as they are read, never extracted.
 */
final class ExportZip implements ExportSource {

  static final List<String> FILES =
      List.of(ExportLayout.ENTRIES, ExportLayout.CHECKPOINTS, ExportLayout.KEYS);

  private final ZipFile zip;

  private ExportZip(ZipFile zip) {
    this.zip = zip;
  }

  /** Opens {@code file}; throws {@link ZipException} if it is no zip or holds other entries. */
  static ExportZip open(Path file) throws IOException {
    ZipFile zip = new ZipFile(file.toFile());
    try {
      checkEntries(zip);
    } catch (ZipException e) {
      zip.close();
      throw e;
    }
    return new ExportZip(zip);
  }

  // Any other entry, or a second one of the same name, would be bytes the auditor might read
  // (with unzip, say) that the verifier did not check.
  private static void checkEntries(ZipFile zip) throws ZipException {
    Set<String> seen = new HashSet<>();
    for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
      String name = entries.nextElement().getName();
      if (!FILES.contains(name)) {
        throw new ZipException(
            "it holds an unexpected entry '"
                + name
                + "': an export zip holds only "
                + String.join(", ", FILES)
                + ", at its root (zip the files, not their folder)");
      }
      if (!seen.add(name)) {
        throw new ZipException("it holds " + name + " twice");
      }
    }
  }

  @Override
  public InputStream open(String file) throws IOException {
    ZipEntry entry = zip.getEntry(file);
    if (entry == null) {
      throw new NoSuchFileException(file);
    }
    return zip.getInputStream(entry);
  }

  @Override
  public void close() throws IOException {
    zip.close();
  }
}
