package io.countersign.verifier.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.verifier.merkle.MerkleHash;
import io.countersign.verifier.note.NoteSigner;
import io.countersign.verifier.note.NoteVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportVerifierTest {

  private static final NoteSigner LOG_KEY = SyntheticExport.newSigner();

  @TempDir Path temp;

  @Test
  void verifyWhenHundredThousandEntriesThenPass() throws IOException {
    Long[] sizes = {10_000L, 50_000L, 99_999L, 100_000L};
    Path export =
        SyntheticExport.signedBy(LOG_KEY)
            .entries(100_000)
            .checkpointsAt(sizes)
            .writeTo(temp.resolve("e"));
    AuditResult.Pass pass = assertInstanceOf(AuditResult.Pass.class, verify(export));
    assertEquals(100_000, pass.latest().size());
    assertEquals(100_000, pass.entryCount());
    assertEquals(4, pass.checkpointCount());
  }

  @Test
  void verifyWhenEmptyLogWithCheckpointOfSizeZeroThenPass() throws IOException {
    Path export =
        SyntheticExport.signedBy(LOG_KEY).entries(0).checkpointsAt(0L).writeTo(temp.resolve("e"));
    assertEquals(0, assertInstanceOf(AuditResult.Pass.class, verify(export)).latest().size());
  }

  @Test
  void verifyWhenEntriesBeyondLatestCheckpointThenPassSayingTheyAreNotSignedYet()
      throws IOException {
    Path export = SyntheticExport.signedBy(LOG_KEY).entries(310).writeTo(temp.resolve("e"));
    AuditResult.Pass pass = assertInstanceOf(AuditResult.Pass.class, verify(export));
    assertTrue(
        pass.details().get(1).contains("the last 10 are not covered"), pass.details().toString());
  }

  @Test
  void verifyWhenEveryEntryElidedThenPassWithNoneInFull() throws IOException {
    Path export =
        SyntheticExport.signedBy(LOG_KEY).elided(index -> true).writeTo(temp.resolve("e"));
    AuditResult.Pass pass = assertInstanceOf(AuditResult.Pass.class, verify(export));
    assertEquals(300, pass.entryCount());
    assertEquals(300, pass.elidedCount());
    assertTrue(pass.details().contains("in full: none"), pass.details().toString());
  }

  @Test
  void verifyWhenEntriesInFullAreScatteredThenPassCountingTheRuns() throws IOException {
    Path export =
        SyntheticExport.signedBy(LOG_KEY)
            .elided(index -> index % 100 < 90)
            .writeTo(temp.resolve("e"));
    AuditResult.Pass pass = assertInstanceOf(AuditResult.Pass.class, verify(export));
    assertEquals(270, pass.elidedCount());
    assertTrue(
        pass.details().contains("in full: 3 separate runs of entries between 90 and 299"),
        pass.details().toString());
  }

  @Test
  void verifyWhenLineEndsWithCarriageReturnThenFailAtThatEntry() throws IOException {
    Path export = SyntheticExport.signedBy(LOG_KEY).writeTo(temp.resolve("e"));
    rewriteEntries(export, entries -> entries.replaceFirst("\n", "\r\n"));
    assertFailAt(verify(export), 0);
  }

  @Test
  void verifyWhenFileLacksFinalNewlineThenFailAtLastEntry() throws IOException {
    Path export = SyntheticExport.signedBy(LOG_KEY).writeTo(temp.resolve("e"));
    rewriteEntries(export, entries -> entries.substring(0, entries.length() - 1));
    AuditResult.Fail fail = assertFailAt(verify(export), 299);
    assertTrue(fail.reason().contains("cut short"), fail.reason());
  }

  @Test
  void verifyWhenRecordedLeafHashWrongButBytesIntactThenFailAtThatEntry() throws IOException {
    Path export = SyntheticExport.signedBy(LOG_KEY).writeTo(temp.resolve("e"));
    String wrong = java.util.Base64.getEncoder().encodeToString(MerkleHash.emptyRoot());
    rewriteEntries(
        export,
        entries ->
            entries.replaceFirst(
                "(\\{\"index\":7,\"leafHash\":\")[^\"]+", "$1" + Matcher.quoteReplacement(wrong)));
    AuditResult.Fail fail = assertFailAt(verify(export), 7);
    assertTrue(fail.reason().contains("leafHash is not the hash"), fail.reason());
  }

  @Test
  void verifyWhenCheckpointsOutOfOrderThenFailBecauseTheLogShrank() throws IOException {
    Path export = SyntheticExport.signedBy(LOG_KEY).writeTo(temp.resolve("e"));
    Path file = export.resolve(ExportLayout.CHECKPOINTS);
    List<String> notes = CheckpointFile.split(Files.readString(file));
    Files.writeString(file, CheckpointFile.format(List.of(notes.get(1), notes.get(0))));
    AuditResult.Fail fail = assertInstanceOf(AuditResult.Fail.class, verify(export));
    assertTrue(fail.reason().contains("the log shrank"), fail.reason());
  }

  @Test
  void verifyWhenAnotherOriginExpectedThenFail() throws IOException {
    Path export = SyntheticExport.signedBy(LOG_KEY).writeTo(temp.resolve("e"));
    AuditResult result =
        new ExportVerifier(keys(), Optional.of("audit.example.com/other"))
            .verify(export, Optional.empty());
    assertTrue(
        assertInstanceOf(AuditResult.Fail.class, result)
            .reason()
            .contains("not 'audit.example.com/other'"));
  }

  @Test
  void verifyWhenNoCheckpointThenFail() throws IOException {
    Path export = SyntheticExport.signedBy(LOG_KEY).checkpointsAt().writeTo(temp.resolve("e"));
    assertInstanceOf(AuditResult.Fail.class, verify(export));
  }

  private static AuditResult.Fail assertFailAt(AuditResult result, long index) {
    AuditResult.Fail fail = assertInstanceOf(AuditResult.Fail.class, result);
    assertEquals(OptionalLong.of(index), fail.firstBrokenEntry(), fail.reason());
    return fail;
  }

  private static AuditResult verify(Path export) {
    return new ExportVerifier(keys(), Optional.empty()).verify(export, Optional.empty());
  }

  private static NoteVerifier keys() {
    return new NoteVerifier(List.of(LOG_KEY.verifierKey()));
  }

  private static void rewriteEntries(Path export, java.util.function.UnaryOperator<String> edit)
      throws IOException {
    Path file = export.resolve(ExportLayout.ENTRIES);
    Files.writeString(
        file, edit.apply(Files.readString(file, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
  }
}
