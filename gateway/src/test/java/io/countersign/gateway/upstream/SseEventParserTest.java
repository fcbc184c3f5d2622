package io.countersign.gateway.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SseEventParserTest {

  private final List<SseEvent> events = new ArrayList<>();
  private final SseEventParser parser = new SseEventParser(events::add);

  private void feed(String... lines) {
    for (String line : lines) {
      parser.line(line);
    }
  }

  @Test
  void lineWhenDataLinesThenJoinedWithNewlineOnBlankLine() {
    feed("event: message", "id: 7", "data: {\"a\":", "data: 1}", "");
    assertEquals(List.of(new SseEvent("message", "{\"a\":\n1}", Optional.of("7"))), events);
  }

  @Test
  void lineWhenCommentOrNoDataThenNothingDispatched() {
    feed(": keep-alive", "", "id: 1", "");
    assertEquals(List.of(), events);
  }

  @Test
  void lineWhenNoEventFieldThenTypeIsMessage() {
    feed("data:x", "");
    assertEquals("message", events.get(0).event());
    assertEquals("x", events.get(0).data());
  }

  @Test
  void endWhenEventUnfinishedThenDiscarded() {
    feed("data: half");
    parser.end();
    assertEquals(List.of(), events);
  }

  @Test
  void lineWhenPrimingEventThenDispatchedButCarriesNoMessage() {
    feed("id: 0", "data:", "");
    assertEquals(1, events.size());
    assertEquals(false, events.get(0).carriesMessage());
  }
}
