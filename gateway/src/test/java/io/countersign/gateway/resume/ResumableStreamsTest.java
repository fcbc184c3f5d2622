package io.countersign.gateway.resume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.gateway.session.McpSession;
import io.countersign.tenant.AgentPrincipal;
import io.countersign.tenant.secret.SecretBox;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ResumableStreamsTest {

  private static final SecretBox BOX = SecretBox.withKey(SecretBox.newKey());
  private static final McpSession SESSION =
      new McpSession("session-a", new AgentPrincipal("acme", "agent-1", "bot"), "2025-11-25");

  private final MutableClock clock = new MutableClock();
  private final ResumableStreams streams = streams(3, 2);

  private ResumableStreams streams(int maxEvents, int maxStreams) {
    return new ResumableStreams(
        BOX,
        new ResumeSettings(Duration.ofMinutes(5), maxEvents, maxStreams, Duration.ofMillis(500)),
        clock);
  }

  @Test
  void openWhenConnectedThenPrimingEventWithIdRetryAndEmptyDataComesFirst() {
    var client = new RecordingConnection();
    streams.open(SESSION).open(client);
    String priming = client.frames.get(0);
    assertTrue(priming.matches("id: [A-Za-z0-9_-]+\\.0\nretry: 500\ndata: \n\n"), priming);
  }

  @Test
  void resumeWhenConnectionDroppedThenExactlyTheMissedMessagesThenLive() {
    var stream = streams.open(SESSION);
    var first = new RecordingConnection();
    stream.open(first);
    assertTrue(stream.send("{\"n\":1}"));
    first.alive = false;
    assertFalse(stream.send("{\"n\":2}"), "the dropped connection does not take it");
    var second = new RecordingConnection();
    assertInstanceOf(
        Resumption.Resumed.class, streams.resume(SESSION, first.lastEventId(), second));
    assertTrue(stream.send("{\"n\":3}"));
    stream.end();
    assertEquals(List.of("{\"n\":1}"), first.messages());
    assertEquals(List.of("{\"n\":2}", "{\"n\":3}"), second.messages());
    assertTrue(second.ended, "the stream's end ends the resumed connection");
    assertTrue(second.frames.get(0).startsWith("retry: 500"), second.frames.get(0));
  }

  @Test
  void resumeWhenStreamEndedThenTheFinalResponseOnceAndTheConnectionEnds() {
    var stream = streams.open(SESSION);
    var first = new RecordingConnection();
    stream.open(first);
    String priming = first.lastEventId();
    first.alive = false;
    stream.send("{\"result\":{}}");
    stream.end();
    var second = new RecordingConnection();
    streams.resume(SESSION, priming, second);
    assertEquals(List.of("{\"result\":{}}"), second.messages());
    assertTrue(second.ended);
    var third = new RecordingConnection();
    streams.resume(SESSION, second.lastEventId(), third);
    assertEquals(List.of(), third.messages(), "nothing after the last event received");
  }

  @Test
  void sendWhenDeliveredOnlyByReplayThenOnDeliveredRunsOnceThen() {
    var stream = streams.open(SESSION);
    var first = new RecordingConnection();
    stream.open(first);
    String priming = first.lastEventId();
    first.alive = false;
    var delivered = new AtomicInteger();
    assertFalse(stream.send("{\"result\":{}}", delivered::incrementAndGet));
    assertEquals(0, delivered.get(), "kept, not delivered");
    streams.resume(SESSION, priming, new RecordingConnection());
    streams.resume(SESSION, priming, new RecordingConnection());
    assertEquals(1, delivered.get());
  }

  @Test
  void resumeWhenAnotherConnectionIsAttachedThenItIsEndedAndTheNewOneTakesOver() {
    var stream = streams.open(SESSION);
    var first = new RecordingConnection();
    stream.open(first);
    var second = new RecordingConnection();
    streams.resume(SESSION, first.lastEventId(), second);
    stream.send("{\"n\":1}");
    assertTrue(first.ended);
    assertEquals(List.of(), first.messages(), "one message, one stream");
    assertEquals(List.of("{\"n\":1}"), second.messages());
  }

  @Test
  void resumeWithAnotherSessionsEventIdThenInvalid() {
    var client = new RecordingConnection();
    streams.open(SESSION).open(client);
    var other = new McpSession("session-b", SESSION.agent(), "2025-11-25");
    var intruder = new RecordingConnection();
    var refused = refused(streams.resume(other, client.lastEventId(), intruder));
    assertEquals(Resumption.Reason.INVALID, refused.reason());
    assertTrue(intruder.frames.isEmpty(), "nothing written on a refusal");
  }

  @Test
  void resumeWithAnotherTenantsSessionOfTheSameIdThenInvalid() {
    var client = new RecordingConnection();
    streams.open(SESSION).open(client);
    // session ids are unguessable and per agent; the id in the event is bound to the session id
    var elsewhere =
        new McpSession("session-c", new AgentPrincipal("globex", "agent-1", "bot"), "2025-11-25");
    assertEquals(
        Resumption.Reason.INVALID,
        refused(streams.resume(elsewhere, client.lastEventId(), new RecordingConnection()))
            .reason());
  }

  @Test
  void resumeWithForgedMalformedOrAlteredIdsThenInvalid() {
    var client = new RecordingConnection();
    streams.open(SESSION).open(client);
    String genuine = client.lastEventId();
    int middle = genuine.length() / 3;
    String altered =
        genuine.substring(0, middle)
            + (genuine.charAt(middle) == 'A' ? 'B' : 'A')
            + genuine.substring(middle + 1);
    for (String forged :
        List.of(
            "",
            "0",
            "1",
            "abc.1",
            "x".repeat(4000) + ".1",
            genuine.substring(0, genuine.lastIndexOf('.')),
            genuine + "x",
            genuine.replace(".0", ".-1"),
            altered)) {
      assertEquals(
          Resumption.Reason.INVALID,
          refused(streams.resume(SESSION, forged, new RecordingConnection())).reason(),
          forged);
    }
  }

  @Test
  void resumeWithASequenceNeverSentThenInvalid() {
    var client = new RecordingConnection();
    streams.open(SESSION).open(client);
    String ahead = client.lastEventId().replaceAll("\\.0$", ".7");
    var refused = refused(streams.resume(SESSION, ahead, new RecordingConnection()));
    assertEquals(Resumption.Reason.INVALID, refused.reason());
    assertTrue(refused.message().contains("not sent"), refused.message());
  }

  @Test
  void resumeWithAnIdOfAnotherNodeThenOtherNodeWithWhatToDo() {
    var client = new RecordingConnection();
    streams.open(SESSION).open(client);
    ResumableStreams otherNode = streams(3, 2);
    var refused =
        refused(otherNode.resume(SESSION, client.lastEventId(), new RecordingConnection()));
    assertEquals(Resumption.Reason.OTHER_NODE, refused.reason());
    assertTrue(refused.message().contains("another gateway node"), refused.message());
    assertTrue(refused.message().contains("same arguments"), refused.message());
  }

  @Test
  void resumeWhenKeptLongerThanKeepThenGone() {
    var stream = streams.open(SESSION);
    var client = new RecordingConnection();
    stream.open(client);
    client.alive = false;
    stream.send("{\"n\":1}");
    clock.advance(Duration.ofMinutes(4));
    streams.purge();
    assertEquals(1, streams.size(), "kept for countersign.mcp.resume.keep");
    stream.end();
    clock.advance(Duration.ofMinutes(6));
    var refused = refused(streams.resume(SESSION, client.lastEventId(), new RecordingConnection()));
    assertEquals(Resumption.Reason.GONE, refused.reason());
    assertEquals(0, streams.size(), "purged");
  }

  @Test
  void streamWhileConnectedIsNeverExpired() {
    var stream = streams.open(SESSION);
    stream.open(new RecordingConnection());
    clock.advance(Duration.ofHours(1));
    streams.purge();
    assertEquals(1, streams.size());
  }

  @Test
  void resumeFromBeforeTheOldestKeptEventThenGoneAndFromAKeptOneThenTheRest() {
    var stream = streams.open(SESSION);
    var client = new RecordingConnection();
    stream.open(client);
    String priming = client.lastEventId();
    client.alive = false;
    for (int n = 1; n <= 5; n++) {
      stream.send("{\"n\":" + n + "}");
    }
    assertEquals(
        Resumption.Reason.GONE,
        refused(streams.resume(SESSION, priming, new RecordingConnection())).reason(),
        "events 1 and 2 were dropped (3 kept)");
    var late = new RecordingConnection();
    streams.resume(SESSION, priming.replaceAll("\\.0$", ".2"), late);
    assertEquals(List.of("{\"n\":3}", "{\"n\":4}", "{\"n\":5}"), late.messages());
  }

  @Test
  void openBeyondMaxStreamsThenTheLeastRecentlyUsedUnconnectedStreamGoes() {
    var oldest = new RecordingConnection();
    var first = streams.open(SESSION);
    first.open(oldest);
    oldest.alive = false;
    first.send("{\"n\":1}"); // the write finds the connection gone
    clock.advance(Duration.ofSeconds(1));
    streams.open(SESSION).open(new RecordingConnection());
    clock.advance(Duration.ofSeconds(1));
    streams.open(SESSION);
    assertEquals(2, streams.size());
    assertEquals(
        Resumption.Reason.GONE,
        refused(streams.resume(SESSION, oldest.lastEventId(), new RecordingConnection())).reason());
  }

  /**
   * A full session of 20 streams is trimmed to 18 plus the new one: the three least recently used
   * unconnected streams go at once, a connected one stays however old, and the next two streams
   * find room without trimming again.
   */
  @Test
  void openBeyondMaxStreamsOfTenOrMoreThenATenthGoesAtOnceOldestUnconnectedFirst() {
    var streams = streams(3, 20);
    var connected = new RecordingConnection();
    streams.open(SESSION).open(connected);
    List<RecordingConnection> dropped = new java.util.ArrayList<>();
    for (int i = 0; i < 19; i++) {
      clock.advance(Duration.ofSeconds(1));
      var connection = new RecordingConnection();
      var stream = streams.open(SESSION);
      stream.open(connection);
      connection.alive = false;
      stream.send("{\"n\":" + i + "}");
      dropped.add(connection);
    }
    clock.advance(Duration.ofSeconds(1));
    streams.open(SESSION);
    assertEquals(18, streams.size());
    for (int i = 0; i < 3; i++) {
      assertEquals(
          Resumption.Reason.GONE,
          refused(streams.resume(SESSION, dropped.get(i).lastEventId(), new RecordingConnection()))
              .reason(),
          "stream " + i);
    }
    assertInstanceOf(
        Resumption.Resumed.class,
        streams.resume(SESSION, dropped.get(3).lastEventId(), new RecordingConnection()));
    assertInstanceOf(
        Resumption.Resumed.class,
        streams.resume(SESSION, connected.lastEventId(), new RecordingConnection()),
        "the connected stream, the oldest, is kept");
    streams.open(SESSION);
    streams.open(SESSION);
    assertEquals(20, streams.size());
  }

  @Test
  void openBeyondMaxStreamsMakesRoomInItsOwnSessionOnlyAndAnEndedSessionLeavesNothing() {
    var other = new McpSession("session-b", SESSION.agent(), "2025-11-25");
    var kept = new RecordingConnection();
    var theirs = streams.open(other);
    theirs.open(kept);
    kept.alive = false;
    theirs.send("{\"n\":1}");
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofSeconds(1));
      streams.open(SESSION);
    }
    assertEquals(3, streams.size(), "two of this session's, one of the other's");
    var resumed = new RecordingConnection();
    assertInstanceOf(Resumption.Resumed.class, streams.resume(other, kept.lastEventId(), resumed));
    streams.forget(SESSION.id());
    streams.forget(other.id());
    assertEquals(0, streams.size());
  }

  @Test
  void forgetWhenSessionEndsThenItsStreamsGoAndTheirConnectionsEnd() {
    var client = new RecordingConnection();
    streams.open(SESSION).open(client);
    streams.forget(SESSION.id());
    assertTrue(client.ended);
    assertEquals(
        Resumption.Reason.GONE,
        refused(streams.resume(SESSION, client.lastEventId(), new RecordingConnection())).reason());
  }

  @Test
  void offeredOnlyToSessionsOf20251125() {
    assertTrue(streams.offeredTo(SESSION));
    var older = new McpSession("session-o", SESSION.agent(), "2025-06-18");
    assertFalse(streams.offeredTo(older));
    assertEquals(
        Resumption.Reason.INVALID,
        refused(streams.resume(older, "anything.1", new RecordingConnection())).reason());
    assertFalse(streams.offeredTo(new McpSession("m", SESSION.agent(), McpSession.MODERN)));
  }

  @Test
  void eventIdsAreUniqueAcrossStreamsAndCarryNoSessionInTheClear() {
    var a = new RecordingConnection();
    var b = new RecordingConnection();
    streams.open(SESSION).open(a);
    streams.open(SESSION).open(b);
    assertFalse(a.lastEventId().equals(b.lastEventId()));
    assertFalse(a.lastEventId().contains("session-a"), a.lastEventId());
  }

  private static Resumption.Refused refused(Resumption resumption) {
    return assertInstanceOf(Resumption.Refused.class, resumption);
  }
}
