package io.countersign.web.mcp;

import io.countersign.gateway.resume.StreamConnection;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The POST response that opened a relayed stream, written by the thread that relays it. RESTEasy
 * makes flush() on the entity stream a no-op (RESTEASY-1650), so each frame is pushed to the
 * network through the servlet response. Once a write fails or another connection resumed the
 * stream, nothing more is written here; the response ends when the relay returns.
 */
final class OutputConnection implements StreamConnection {

  private final OutputStream out;
  private final HttpServletResponse response;
  private boolean ended;

  OutputConnection(OutputStream out, HttpServletResponse response) {
    this.out = out;
    this.response = response;
  }

  @Override
  public synchronized boolean write(String frame) {
    if (ended) {
      return false;
    }
    try {
      out.write(frame.getBytes(StandardCharsets.UTF_8));
      out.flush();
      response.flushBuffer();
      return true;
    } catch (IOException | RuntimeException e) {
      ended = true;
      return false;
    }
  }

  @Override
  public synchronized void end() {
    ended = true;
  }
}
