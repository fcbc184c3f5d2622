package io.countersign.verifier.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointFileTest {

  private static final String FIRST = "log\n1\nAAAA\n\n\u2014 log c2ln\n\u2014 w c2ln\n";
  private static final String SECOND = "log\n2\nBBBB\n\n\u2014 log c2ln\n";

  @Test
  void splitWhenFormattedThenSameNotes() {
    List<String> notes = List.of(FIRST, SECOND);
    assertEquals(notes, CheckpointFile.split(CheckpointFile.format(notes)));
    assertEquals(List.of(), CheckpointFile.split(""));
  }

  @Test
  void splitWhenBlankLinesOutOfPlaceThenRejected() {
    assertThrows(
        IllegalArgumentException.class, () -> CheckpointFile.split(FIRST + "\n\n" + SECOND));
    assertThrows(IllegalArgumentException.class, () -> CheckpointFile.split("\n" + FIRST));
    assertThrows(IllegalArgumentException.class, () -> CheckpointFile.split(FIRST + "\n"));
    assertThrows(IllegalArgumentException.class, () -> CheckpointFile.split(FIRST.strip()));
  }
}
