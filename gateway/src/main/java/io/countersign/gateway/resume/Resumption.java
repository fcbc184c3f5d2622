package io.countersign.gateway.resume;

/**
 * What a GET with {@code Last-Event-ID} leads to: the stream goes on, or a refusal that says why.
 */
public sealed interface Resumption {

  /** The missed events were written to the new connection; the stream goes on there. */
  record Resumed() implements Resumption {}

  /** No stream resumes; {@code reason} picks the HTTP status, {@code message} tells the client. */
  record Refused(Reason reason, String message) implements Resumption {}

  /** Why a resumption is refused. */
  enum Reason {
    /**
     * Not an event id of this session: malformed, altered, forged, another session's (another
     * agent's or tenant's included), a session without resumability, or a sequence never sent.
     */
    INVALID,
    /** An id of this session issued by another gateway node, which alone keeps its events. */
    OTHER_NODE,
    /**
     * An id of this node whose events are no longer kept (expired, evicted, or the stream dropped).
     */
    GONE
  }
}
