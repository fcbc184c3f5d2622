package io.countersign.web.mcp;

import io.countersign.gateway.mcp.RelayedStream;
import io.countersign.gateway.resume.ResumableStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/**
 * The body of a POST answered with a relayed stream, written by the request's thread. On a
 * resumable stream the relay goes on when the client's connection drops: what it could not deliver
 * is kept for the client's GET with {@code Last-Event-ID}, and the stream ends when the relay does.
 * Otherwise a dropped connection ends the relay (the relay then records the client as gone).
 */
final class RelayedOutput implements StreamingOutput {

  private final RelayedStream relay;
  private final Optional<ResumableStream> resumable;
  private final HttpServletResponse servletResponse;

  RelayedOutput(
      RelayedStream relay,
      Optional<ResumableStream> resumable,
      HttpServletResponse servletResponse) {
    this.relay = relay;
    this.resumable = resumable;
    this.servletResponse = servletResponse;
  }

  @Override
  public void write(OutputStream out) throws IOException {
    var connection = new OutputConnection(out, servletResponse);
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
