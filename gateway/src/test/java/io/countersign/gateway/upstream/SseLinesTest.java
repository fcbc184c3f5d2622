package io.countersign.gateway.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseLinesTest {

  private final List<String> lines = new ArrayList<>();
  private final SseLines splitter = new SseLines(lines::add, 16);

  @Test
  void feedWhenEveryKindOfLineEndThenEachEndsOneLine() {
    feed("a\r\nb\nc\rd\n\n");
    assertEquals(List.of("a", "b", "c", "d", ""), lines);
  }

  @Test
  void feedWhenCrlfIsSplitAcrossPiecesThenOneLineEnd() {
    feed("a\r");
    feed("\nb\r");
    feed("\r\n");
    assertEquals(List.of("a", "b", ""), lines);
  }

  @Test
  void feedWhenACharacterIsSplitAcrossPiecesThenItIsDecodedWhole() {
    byte[] bytes = "é€\n".getBytes(StandardCharsets.UTF_8);
    for (byte b : bytes) {
      splitter.feed(new byte[] {b}, 1);
    }
    assertEquals(List.of("é€"), lines);
  }

  @Test
  void endWhenTheLastLineHasNoEndThenItIsDropped() {
    feed("a\nunfinished");
    splitter.end();
    feed("\n");
    assertEquals(List.of("a", ""), lines);
  }

  @Test
  void feedWhenALineGrowsPastTheLimitThenRefused() {
    assertTrue(feed("0123456789abcdef\n"), "a line of the limit is fine");
    assertFalse(feed("0123456789abcdefX"));
  }

  private boolean feed(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return splitter.feed(bytes, bytes.length);
  }
}
