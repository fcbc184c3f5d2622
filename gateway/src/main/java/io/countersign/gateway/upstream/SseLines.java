package io.countersign.gateway.upstream;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Cuts the bytes of a {@code text/event-stream} body into lines, as they arrive in pieces of any
 * size. A line ends at CRLF, LF or CR (the WHATWG event-stream grammar), including a CRLF split
 * across two pieces. Lines are cut on bytes and then decoded as UTF-8: neither CR nor LF can occur
 * inside a UTF-8 sequence, so a character split across two pieces is never cut.
 */
final class SseLines {

  private static final byte CR = '\r';
  private static final byte LF = '\n';

  private final Consumer<String> sink;
  private final int maxLine;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private boolean afterCr;

  /** Lines go to {@code sink}; a line longer than {@code maxLine} bytes is refused. */
  SseLines(Consumer<String> sink, int maxLine) {
    this.sink = sink;
    this.maxLine = maxLine;
  }

  /** The lines that {@code bytes[0, length)} completes; false if a line grew past the limit. */
  boolean feed(byte[] bytes, int length) {
    int start = 0;
    for (int i = 0; i < length; i++) {
      byte b = bytes[i];
      if (b == LF && afterCr) {
        afterCr = false; // the LF of a CRLF whose CR ended the line already
        start = i + 1;
        continue;
      }
      afterCr = false;
      if (b == CR || b == LF) {
        pending.write(bytes, start, i - start);
        emit();
        afterCr = b == CR;
        start = i + 1;
      }
    }
    pending.write(bytes, start, length - start);
    return pending.size() <= maxLine;
  }

  /** The body ended: a last line without its end of line is dropped, as the grammar has it. */
  void end() {
    pending.reset();
    afterCr = false;
  }

  private void emit() {
    String line = pending.toString(StandardCharsets.UTF_8);
    pending.reset();
    sink.accept(line);
  }
}
