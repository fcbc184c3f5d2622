package io.countersign.web.mcp;

import io.countersign.gateway.resume.StreamConnection;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * An SSE response, written frame by frame and pushed to the network after each frame. The status
 * and headers go out with the first frame (or {@link #start}), so a request that ends up refused
 * has written nothing. Once a write fails, or the connection was ended (another connection resumed
 * its stream), nothing more is written here.
 */
final class OutputConnection implements StreamConnection {

  private static final String EVENT_STREAM = "text/event-stream";

  private final HttpServletResponse response;
  private boolean started;
  private boolean ended;

  OutputConnection(HttpServletResponse response) {
    this.response = response;
  }

  /** Sets the SSE status and headers now, for a stream that may end without any frame. */
  synchronized void start() {
    if (!started) {
      started = true;
      response.setStatus(200);
      response.setContentType(EVENT_STREAM);
      response.setCharacterEncoding("UTF-8");
      response.setHeader("Cache-Control", "no-cache");
    }
  }

  @Override
  public synchronized boolean write(String frame) {
    if (ended) {
      return false;
    }
    try {
      start();
      response.getOutputStream().write(frame.getBytes(StandardCharsets.UTF_8));
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
