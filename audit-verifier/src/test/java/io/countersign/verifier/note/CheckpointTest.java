package io.countersign.verifier.note;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckpointTest {

  private static final String ROOT = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";

  @Test
  void parseWhenC2spExampleThenFieldsAndSameText() {
    String text = "example.com/behind-the-sofa\n20852163\n" + ROOT + "\n";
    Checkpoint checkpoint = Checkpoint.parse(text);
    assertEquals("example.com/behind-the-sofa", checkpoint.origin());
    assertEquals(20852163, checkpoint.size());
    assertEquals(ROOT, checkpoint.rootHashBase64());
    assertEquals(text, checkpoint.toNoteText());
    assertEquals(checkpoint, Checkpoint.parse(checkpoint.toNoteText()));
  }

  @Test
  void parseWhenEmptyTreeThenSizeZero() {
    assertEquals(0, Checkpoint.parse("log\n0\n" + ROOT + "\n").size());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "log\n5\n" + ROOT,
        "log\n5\n" + ROOT + "\nextension\n",
        "log\n05\n" + ROOT + "\n",
        "log\n-5\n" + ROOT + "\n",
        "log\n+5\n" + ROOT + "\n",
        "log\n 5\n" + ROOT + "\n",
        "log\n99999999999999999999\n" + ROOT + "\n",
        "\n5\n" + ROOT + "\n",
        "log\n5\n\n",
        "log\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I\n",
        "log\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2J=\n",
        "log\n5\nAAAA\n",
        "log\n5\n" + ROOT + "\n\n",
      })
  void parseWhenMalformedThenRejected(String text) {
    assertThrows(IllegalArgumentException.class, () -> Checkpoint.parse(text));
  }
}
