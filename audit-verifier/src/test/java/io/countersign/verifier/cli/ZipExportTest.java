package io.countersign.verifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.verifier.export.ExportLayout;
import io.countersign.verifier.export.SyntheticExport;
import io.countersign.verifier.note.NoteSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An export as the server streams it over HTTP: a zip holding the three files at its root. */
class ZipExportTest {

  private static final NoteSigner LOG_KEY = SyntheticExport.newSigner();
  private static final List<String> FILES =
      List.of(ExportLayout.ENTRIES, ExportLayout.CHECKPOINTS, ExportLayout.KEYS);

  @TempDir Path temp;

  @Test
  void runWhenZipWrittenByTheExporterThenPassLikeTheDirectory() throws IOException {
    Path zip = SyntheticExport.signedBy(LOG_KEY).writeZipTo(temp.resolve("export.zip"));
    Path dir = SyntheticExport.signedBy(LOG_KEY).writeTo(temp.resolve("export"));
    CliRun run = verify(zip);
    assertEquals(0, run.status(), run.out());
    assertEquals(verify(dir).out(), run.out());
  }

  @Test
  void runWhenZipHasElidedEntriesThenPassCountingThem() throws IOException {
    Path zip =
        SyntheticExport.signedBy(LOG_KEY)
            .elided(index -> index < 250)
            .writeZipTo(temp.resolve("range.zip"));
    CliRun run = verify(zip);
    assertEquals(0, run.status(), run.out());
    assertTrue(run.out().contains("(50 in full, 250 elided to their hash)"), run.out());
  }

  @Test
  void runWhenAnEntryInTheZipIsAlteredThenFailAtThatEntry() throws IOException {
    Path dir = SyntheticExport.signedBy(LOG_KEY).writeTo(temp.resolve("export"));
    Tamper.export(dir).changeOneByte(137);
    CliRun run = verify(zip(dir, "export.zip", FILES));
    run.assertFailsAt(137);
    assertTrue(run.firstLine().contains("entry 137 was altered"), run.out());
  }

  @Test
  void runWhenZipHoldsAnUnexpectedEntryThenFailNamingIt() throws IOException {
    Path dir = SyntheticExport.signedBy(LOG_KEY).writeTo(temp.resolve("export"));
    Files.writeString(dir.resolve("notes.txt"), "not part of an export\n");
    List<String> names = List.of(ExportLayout.ENTRIES, "notes.txt", ExportLayout.CHECKPOINTS);
    verify(zip(dir, "export.zip", names))
        .assertFailsSaying("is not a valid export zip", "unexpected entry 'notes.txt'");
  }

  @Test
  void runWhenZipHoldsTheExportFolderThenFailAskingForTheFilesAtTheRoot() throws IOException {
    Path dir = SyntheticExport.signedBy(LOG_KEY).writeTo(temp.resolve("export"));
    Path zip = temp.resolve("folder.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (String name : FILES) {
        out.putNextEntry(new ZipEntry("export/" + name));
        out.write(Files.readAllBytes(dir.resolve(name)));
      }
    }
    verify(zip)
        .assertFailsSaying("unexpected entry 'export/entries.jsonl'", "at its root (zip the files");
  }

  @Test
  void runWhenZipHoldsEntriesTwiceThenFail() throws IOException {
    Path dir = SyntheticExport.signedBy(LOG_KEY).writeTo(temp.resolve("export"));
    Files.copy(dir.resolve(ExportLayout.ENTRIES), dir.resolve("entries.jsonX"));
    Path zip = zip(dir, "twice.zip", List.of(ExportLayout.ENTRIES, "entries.jsonX"));
    // ZipOutputStream refuses duplicates: rename the second entry in the zip's own bytes.
    String bytes = Files.readString(zip, StandardCharsets.ISO_8859_1);
    Files.writeString(
        zip, bytes.replace("entries.jsonX", "entries.jsonl"), StandardCharsets.ISO_8859_1);
    verify(zip).assertFailsSaying("is not a valid export zip", "holds entries.jsonl twice");
  }

  @Test
  void runWhenZipLacksTheEntriesThenFail() throws IOException {
    Path dir = SyntheticExport.signedBy(LOG_KEY).writeTo(temp.resolve("export"));
    Path zip = zip(dir, "partial.zip", List.of(ExportLayout.CHECKPOINTS, ExportLayout.KEYS));
    verify(zip).assertFailsSaying("the export has no entries.jsonl");
  }

  @Test
  void runWhenZipFileIsNoZipThenFail() throws IOException {
    Path zip = Files.writeString(temp.resolve("export.zip"), "not a zip\n");
    verify(zip).assertFailsSaying("is not a valid export zip");
  }

  @Test
  void runWhenExportIsAFileNotNamedZipThenUsageError() throws IOException {
    Path zip = SyntheticExport.signedBy(LOG_KEY).writeZipTo(temp.resolve("export.tar"));
    CliRun run = verify(zip);
    assertEquals(2, run.status(), run.err());
    assertTrue(run.err().contains("is neither a directory nor a .zip file"), run.err());
  }

  private static CliRun verify(Path export) {
    return CliRun.verify(export, LOG_KEY);
  }

  /** Zips the files of {@code dir} with these names, in this order, at the zip's root. */
  private Path zip(Path dir, String fileName, List<String> names) throws IOException {
    Path zip = temp.resolve(fileName);
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (String name : names) {
        out.putNextEntry(new ZipEntry(name));
        Files.copy(dir.resolve(name), out);
      }
    }
    return zip;
  }
}
