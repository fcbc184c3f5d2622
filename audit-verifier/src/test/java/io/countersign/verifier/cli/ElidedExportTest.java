package io.countersign.verifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.verifier.export.SyntheticExport;
import io.countersign.verifier.note.NoteSigner;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An export of a time range: 300 entries, checkpoints at 100, 200 and 300, only entries 120 to 179
 * in full; the others are elided to their recorded hash.
 */
class ElidedExportTest {

  private static final NoteSigner LOG_KEY = SyntheticExport.newSigner();

  @TempDir Path temp;
  private Path export;

  @BeforeEach
  void writeExport() throws IOException {
    export =
        SyntheticExport.signedBy(LOG_KEY)
            .checkpointsAt(100L, 200L, 300L)
            .elided(index -> index < 120 || index >= 180)
            .writeTo(temp.resolve("export"));
  }

  @Test
  void runWhenPrefixAndSuffixElidedThenPassCountingEntriesInFullAndElided() {
    CliRun run = verify();
    assertEquals(0, run.status(), run.out());
    assertTrue(run.firstLine().startsWith("PASS: " + SyntheticExport.ORIGIN + ", tree size 300"));
    assertTrue(
        run.out()
            .contains(
                "entries: 300 (60 in full, 240 elided to their hash),"
                    + " all covered by the latest checkpoint\n"),
        run.out());
    assertTrue(run.out().contains("in full: entries 120 to 179\n"), run.out());
  }

  @Test
  void runWhenSameEntriesInFullOrElidedThenSameRoot() throws IOException {
    Path full =
        SyntheticExport.signedBy(LOG_KEY)
            .checkpointsAt(100L, 200L, 300L)
            .writeTo(temp.resolve("full"));
    assertEquals(verify(full).firstLine(), verify().firstLine());
  }

  @Test
  void runWhenAnElidedHashInTheSuffixIsChangedThenFailAtTheLastCheckpointsRange()
      throws IOException {
    Tamper.export(export).changeElidedHash(250);
    CliRun run = verify();
    run.assertFailsSaying(
        "do not rebuild checkpoint #3 (size 300)",
        "entries 0 to 199 match checkpoint #2 (size 200)",
        "the first broken entry is between 200 and 299 (100 of them elided to their hash");
    assertFalse(run.out().contains("first broken entry:"), "no entry can be named: " + run.out());
  }

  @Test
  void runWhenAnElidedHashInThePrefixIsChangedThenFailAtTheFirstCheckpoint() throws IOException {
    Tamper.export(export).changeElidedHash(50);
    verify()
        .assertFailsSaying(
            "do not rebuild checkpoint #1 (size 100)", "between 0 and 99 (100 of them elided");
  }

  @Test
  void runWhenAnEntryInFullIsAlteredThenFailNamingIt() throws IOException {
    Tamper.export(export).changeOneByte(137);
    CliRun run = verify();
    run.assertFailsAt(137);
    assertTrue(run.firstLine().contains("entry 137 was altered"), run.out());
  }

  @Test
  void runWhenAnEntryInFullIsRewrittenWithItsHashThenFailInARangeCountingTheElided()
      throws IOException {
    Tamper.export(export).replaceEvent(150, SyntheticExport.event(9999));
    verify()
        .assertFailsSaying(
            "do not rebuild checkpoint #2 (size 200)", "between 100 and 199 (40 of them elided");
  }

  @Test
  void runWhenAnElidedEntryIsDeletedThenFailAtItsIndex() throws IOException {
    Tamper.export(export).delete(250);
    CliRun run = verify();
    run.assertFailsAt(250);
    assertTrue(run.firstLine().contains("carries index 251"), run.out());
  }

  @Test
  void runWhenTwoElidedEntriesAreSwappedThenFailAtTheFirstOfThem() throws IOException {
    Tamper.export(export).swap(40, 41);
    verify().assertFailsAt(40);
  }

  @Test
  void runWhenAnEntryInFullIsSwappedWithAnElidedOneThenFailAtTheFirstOfThem() throws IOException {
    Tamper.export(export).swap(179, 180);
    CliRun run = verify();
    run.assertFailsAt(179);
    assertTrue(run.firstLine().contains("carries index 180"), run.out());
  }

  @Test
  void runWhenElidedSuffixIsCutThenFailAtTheFirstMissing() throws IOException {
    Tamper.export(export).keepFirst(250);
    CliRun run = verify();
    run.assertFailsAt(250);
    assertTrue(run.firstLine().contains("entries 250 to 299 are missing"), run.out());
  }

  private CliRun verify() {
    return verify(export);
  }

  private static CliRun verify(Path dir) {
    return CliRun.verify(dir, LOG_KEY);
  }
}
