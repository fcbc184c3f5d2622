package io.countersign.verifier.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.verifier.export.CheckpointFile;
import io.countersign.verifier.export.ExportLayout;
import io.countersign.verifier.export.SyntheticExport;
import io.countersign.verifier.note.NoteSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verifier run as an auditor runs it, on an intact export and on tampered ones. */
class MainTest {

  private static final NoteSigner LOG_KEY = SyntheticExport.newSigner();

  @TempDir Path temp;
  private Path export;

  @BeforeEach
  void writeExport() throws IOException {
    export = SyntheticExport.signedBy(LOG_KEY).writeTo(temp.resolve("export"));
  }

  @Test
  void runWhenExportIntactThenPassWithSizeAndRoot() {
    CliRun run = verify();
    assertEquals(0, run.status(), run.out());
    assertTrue(
        run.firstLine().startsWith("PASS: " + SyntheticExport.ORIGIN + ", tree size 300, root "),
        run.out());
  }

  @Test
  void runWhenOneByteOfAnEntryChangedThenFailAtThatEntry() throws IOException {
    Tamper.export(export).changeOneByte(137);
    CliRun run = verify();
    assertFailsAt(run, 137);
    assertTrue(run.firstLine().contains("entry 137 was altered"), run.out());
  }

  @Test
  void runWhenAnEntryIsDeletedThenFailAtItsIndex() throws IOException {
    Tamper.export(export).delete(137);
    CliRun run = verify();
    assertFailsAt(run, 137);
    assertTrue(run.firstLine().contains("carries index 138"), run.out());
  }

  @Test
  void runWhenTwoEntriesAreSwappedThenFailAtTheFirstOfThem() throws IOException {
    Tamper.export(export).swap(40, 41);
    CliRun run = verify();
    assertFailsAt(run, 40);
    assertTrue(run.firstLine().contains("carries index 41"), run.out());
  }

  @Test
  void runWhenLastEntriesAreCutThenFailAtTheFirstMissing() throws IOException {
    Tamper.export(export).keepFirst(250);
    CliRun run = verify();
    assertFailsAt(run, 250);
    assertTrue(run.firstLine().contains("entries 250 to 299 are missing"), run.out());
  }

  @Test
  void runWhenEntryAndItsRecordedHashRewrittenThenFailBetweenTheCheckpoints() throws IOException {
    Tamper.export(export).replaceEvent(250, SyntheticExport.event(9999));
    CliRun run = verify();
    assertEquals(1, run.status(), run.out());
    assertTrue(
        run.firstLine().contains("do not rebuild checkpoint #2 (size 300)")
            && run.firstLine().contains("the first broken entry is between 200 and 299"),
        run.out());
  }

  @Test
  void runWhenHistoryRewrittenAndResignedThenFailAgainstPreviousCheckpoint() throws IOException {
    Path kept = temp.resolve("previous.checkpoint");
    Files.writeString(kept, CheckpointFile.split(checkpoints(export)).get(0));
    Path rewritten =
        SyntheticExport.signedBy(LOG_KEY)
            .events(i -> SyntheticExport.event(i == 50 ? 5000 : i))
            .writeTo(temp.resolve("rewritten"));

    CliRun alone = verify(rewritten);
    CliRun withPrevious = verify(rewritten, "--previous", kept.toString());

    assertEquals(0, alone.status(), "self-consistent on its own: " + alone.out());
    assertEquals(1, withPrevious.status(), withPrevious.out());
    assertTrue(withPrevious.firstLine().startsWith("FAIL: history rewritten"), withPrevious.out());
    assertTrue(
        withPrevious.firstLine().contains("checkpoint #1 (size 200) and yours are both signed"));
  }

  @Test
  void runWhenPreviousCheckpointIsLaterThanTheExportThenFailAsRollback() throws IOException {
    Path later =
        SyntheticExport.signedBy(LOG_KEY)
            .entries(400)
            .checkpointsAt(400L)
            .writeTo(temp.resolve("later"));
    Path kept = temp.resolve("previous.checkpoint");
    Files.writeString(kept, checkpoints(later));
    CliRun run = verify(export, "--previous", kept.toString());
    assertEquals(1, run.status(), run.out());
    assertTrue(run.firstLine().contains("rolled back"), run.out());
  }

  @Test
  void runWhenSavedCheckpointKeptThenNextRunOnGrownLogPasses() throws IOException {
    Path kept = temp.resolve("kept.checkpoint");
    assertEquals(0, verify(export, "--save-checkpoint", kept.toString()).status());
    Path grown =
        SyntheticExport.signedBy(LOG_KEY)
            .entries(500)
            .checkpointsAt(200L, 300L, 500L)
            .writeTo(temp.resolve("grown"));
    CliRun run = verify(grown, "--previous", kept.toString());
    assertEquals(0, run.status(), run.out());
    assertTrue(run.out().contains("previous checkpoint: size 300, consistent"), run.out());
  }

  @Test
  void runWhenKeysRotateWithOverlapThenPassesWithBothPinnedAndFailsWithOnlyTheNewOne()
      throws IOException {
    NoteSigner next = SyntheticExport.newSigner();
    Path rotated =
        SyntheticExport.signedBy(LOG_KEY)
            .checkpointsAt(100L, 200L, 300L)
            .signers(
                size ->
                    size == 100
                        ? List.of(LOG_KEY)
                        : size == 200 ? List.of(LOG_KEY, next) : List.of(next))
            .writeTo(temp.resolve("rotated"));
    CliRun both = run("--export", rotated.toString(), "--key", key(LOG_KEY), "--key", key(next));
    CliRun newOnly = run("--export", rotated.toString(), "--key", key(next));
    assertEquals(0, both.status(), both.out());
    assertEquals(1, newOnly.status(), newOnly.out());
    assertTrue(newOnly.firstLine().contains("checkpoint #1"), newOnly.out());
    assertTrue(newOnly.firstLine().contains("no signature by a pinned key"), newOnly.out());
  }

  @Test
  void runWhenCheckpointSignedByAnotherKeyThenFail() {
    CliRun run = run("--export", export.toString(), "--key", key(SyntheticExport.newSigner()));
    assertEquals(1, run.status(), run.out());
    assertTrue(run.firstLine().contains("no signature by a pinned key"), run.out());
  }

  @Test
  void runWhenCheckpointTextEditedThenFail() throws IOException {
    Path file = export.resolve(ExportLayout.CHECKPOINTS);
    Files.writeString(file, checkpoints(export).replace("\n200\n", "\n201\n"));
    CliRun run = verify();
    assertEquals(1, run.status(), run.out());
    assertTrue(run.firstLine().contains("does not verify"), run.out());
  }

  @Test
  void runWhenArgumentsWrongThenUsageErrorStatus2() {
    assertAll(
        () -> assertEquals(2, run().status()),
        () -> assertEquals(2, run("--export", export.toString()).status()),
        () -> assertEquals(2, run("--export", export.toString(), "--key", "not-a-key").status()),
        () ->
            assertEquals(
                2,
                run("--export", temp.resolve("nowhere").toString(), "--key", key(LOG_KEY))
                    .status()),
        () ->
            assertEquals(
                2,
                run("--export", export.toString(), "--key", key(LOG_KEY), "--bogus", "x").status()),
        () -> assertEquals(0, run("--help").status()));
  }

  private static void assertFailsAt(CliRun run, long index) {
    run.assertFailsAt(index);
  }

  private CliRun verify() {
    return verify(export);
  }

  private static CliRun verify(Path dir, String... more) {
    return CliRun.verify(dir, LOG_KEY, more);
  }

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private static String key(NoteSigner signer) {
    return CliRun.key(signer);
  }

  private static String checkpoints(Path dir) throws IOException {
    return Files.readString(dir.resolve(ExportLayout.CHECKPOINTS), StandardCharsets.UTF_8);
  }
}
