package io.countersign.gateway.resume;

import io.countersign.gateway.mcp.ProtocolVersions;
import io.countersign.gateway.session.McpSession;
import io.countersign.gateway.session.UnguessableIds;
import io.countersign.tenant.secret.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The resumable streams of this node's sessions, in this node's memory: a stream's events are kept
 * by the node that sent them (bounded by {@link ResumeSettings}). A {@code Last-Event-ID} that
 * reaches another node, or this node after a restart, gets a refusal saying so, never a silent
 * empty stream. A held call's outcome does not depend on these events: it is a row, and an
 * identical call gets it on any node.
 */
@ApplicationScoped
public class ResumableStreams {

  private static final Logger LOG = Logger.getLogger(ResumableStreams.class.getName());

  private static final String ASK_AGAIN =
      " A held call's outcome is kept: calling the tool again with the same arguments returns it.";

  @Inject SecretBox box;
  @Inject ResumeSettings settings;

  Clock clock = Clock.systemUTC();

  /** This node for as long as it runs: a restarted node is another node to its old event ids. */
  private final String node = UnguessableIds.of(12);

  /**
   * The kept streams, by session and then by stream id: a new stream makes room among its own
   * session's streams only, so a call's cost does not grow with the node's other sessions.
   */
  private final Map<String, Map<String, ResumableStream>> bySession = new ConcurrentHashMap<>();

  public ResumableStreams() {}

  /** Streams kept with these settings (tests). */
  ResumableStreams(SecretBox box, ResumeSettings settings, Clock clock) {
    this.box = box;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Whether a session's streams are resumable: the priming event and polling came with 2025-11-25,
   * whose clients expect an event with empty data; older clients get the streams they know.
   */
  public boolean offeredTo(McpSession session) {
    return !session.modern() && ProtocolVersions.V2025_11_25.equals(session.protocolVersion());
  }

  /** A new stream of the session (a POST's answer). */
  public ResumableStream open(McpSession session) {
    // expired streams go on the hold timer's tick (purge), not on every call's way
    var address = new StreamAddress(node, session.id(), UnguessableIds.of(16));
    var stream =
        new ResumableStream(
            address, address.seal(box), settings.maxEvents(), settings.retry(), clock);
    bySession.compute(
        session.id(),
        (id, kept) -> {
          Map<String, ResumableStream> own = kept != null ? kept : new ConcurrentHashMap<>();
          makeRoomIn(own);
          own.put(address.streamId(), stream);
          return own;
        });
    return stream;
  }

  /**
   * A GET with {@code Last-Event-ID} on this session: the stream the id names resumes on {@code
   * connection} ("Resumption is always via HTTP GET with Last-Event-ID"); a refusal writes nothing.
   * Only the session's own streams resume ("The server MUST NOT replay messages that would have
   * been delivered on a different stream").
   */
  public Resumption resume(McpSession session, String lastEventId, StreamConnection connection) {
    if (!offeredTo(session)) {
      return invalid(
          "this session's streams carry no event ids (resumability is offered to sessions of"
              + " MCP 2025-11-25)");
    }
    Optional<EventId> id = EventId.parse(lastEventId);
    Optional<StreamAddress> address =
        id.flatMap(parsed -> StreamAddress.open(box, parsed.stream()));
    if (address.isEmpty() || !address.get().sessionId().equals(session.id())) {
      return invalid("Last-Event-ID is not an event id of this session's streams");
    }
    if (!address.get().node().equals(node)) {
      LOG.info(
          () ->
              "resume refused: tenant "
                  + session.tenantId()
                  + " sent a Last-Event-ID issued by another node");
      return new Resumption.Refused(
          Resumption.Reason.OTHER_NODE,
          "Last-Event-ID names a stream of another gateway node (or of this node before it"
              + " restarted): undelivered events are kept only by the node that sent them, so a"
              + " session's requests must reach one node."
              + ASK_AGAIN);
    }
    purge();
    ResumableStream stream =
        bySession.getOrDefault(session.id(), Map.of()).get(address.get().streamId());
    if (stream == null) {
      return new Resumption.Refused(
          Resumption.Reason.GONE,
          "the events of this stream are no longer kept (kept "
              + settings.keep()
              + " after a stream's last event, "
              + settings.maxStreams()
              + " streams per session)."
              + ASK_AGAIN);
    }
    Resumption resumption = stream.resume(id.get().sequence(), connection);
    if (resumption instanceof Resumption.Refused refused
        && refused.reason() == Resumption.Reason.GONE) {
      return new Resumption.Refused(refused.reason(), refused.message() + "." + ASK_AGAIN);
    }
    return resumption;
  }

  /** The session ended (DELETE): its streams and their events go, their connections end. */
  public void forget(String sessionId) {
    Map<String, ResumableStream> own = bySession.remove(sessionId);
    if (own != null) {
      own.values().forEach(ResumableStream::release);
    }
  }

  /** How many streams this node keeps. */
  public int size() {
    return bySession.values().stream().mapToInt(Map::size).sum();
  }

  /** Drops the streams nobody can resume any more. */
  public void purge() {
    Instant now = clock.instant();
    for (String sessionId : bySession.keySet()) {
      bySession.computeIfPresent(
          sessionId,
          (id, own) -> {
            own.values().removeIf(stream -> stream.expired(now, settings.keep()));
            return own.isEmpty() ? null : own;
          });
    }
  }

  /**
   * Keeps a session below its share of streams: the least recently used unconnected ones go. Runs
   * under the session's entry lock, over that session's streams only. A full session is trimmed a
   * tenth below its share at once (for shares of ten or more), so that a session that opens a
   * stream per call, as one busy agent does, sorts its streams once every tenth call, not scans
   * them on every call.
   */
  private void makeRoomIn(Map<String, ResumableStream> own) {
    int excess = own.size() - settings.maxStreams() + 1;
    if (excess <= 0) {
      return;
    }
    record Candidate(ResumableStream stream, Instant touched) {}
    List<Candidate> unconnected = new ArrayList<>(own.size());
    for (ResumableStream stream : own.values()) {
      if (!stream.connected()) {
        unconnected.add(new Candidate(stream, stream.touched()));
      }
    }
    unconnected.sort(Comparator.comparing(Candidate::touched));
    int goes = Math.min(unconnected.size(), excess + settings.maxStreams() / 10);
    for (Candidate candidate : unconnected.subList(0, goes)) {
      own.remove(candidate.stream().address().streamId());
    }
  }

  private static Resumption invalid(String message) {
    return new Resumption.Refused(Resumption.Reason.INVALID, message);
  }
}
