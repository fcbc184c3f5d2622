package io.countersign.gateway.resume;

/**
 * One HTTP connection that carries a stream to the client for a while: the POST that opened the
 * stream, or a GET that resumed it. A stream outlives its connections.
 */
public interface StreamConnection {

  /** Writes one SSE frame and flushes it; {@code false} when the client is gone. */
  boolean write(String frame);

  /** Ends the connection: its stream ended, or another connection resumed the stream. */
  void end();
}
