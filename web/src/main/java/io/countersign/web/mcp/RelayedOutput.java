package io.countersign.web.mcp;

import io.countersign.gateway.mcp.RelayedStream;
import io.countersign.gateway.resume.ResumableStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * A POST answered with a relayed stream, written by the request's thread. On a resumable stream the
 * relay goes on when the client's connection drops: what it could not deliver is kept for the
 * client's GET with {@code Last-Event-ID}, and the stream ends when the relay does. Otherwise a
 * dropped connection ends the relay (the relay then records the client as gone).
 */
final class RelayedOutput {

  private final RelayedStream relay;
  private final Optional<ResumableStream> resumable;

  RelayedOutput(RelayedStream relay, Optional<ResumableStream> resumable) {
    this.relay = relay;
    this.resumable = resumable;
  }

  /** Relays the stream into {@code response}; returns when the relay has ended. */
  void writeTo(HttpServletResponse response) throws IOException {
    var connection = new OutputConnection(response);
    connection.start();
    if (resumable.isEmpty()) {
      relay.writeTo(
          data -> {
            if (!connection.write(RelayedStream.frame(data))) {
              throw new IOException("the client's stream is gone");
            }
          });
      return;
    }
    resumable.get().open(connection);
    try {
      relay.writeTo(resumable.get()::send);
    } finally {
      resumable.get().end();
    }
  }
}
