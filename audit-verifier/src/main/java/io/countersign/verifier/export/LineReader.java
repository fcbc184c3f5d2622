package io.countersign.verifier.export;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads LF-terminated lines as raw bytes into one reused buffer: no charset decoding, no object per
 * line, and no tolerance for a CR or a missing final newline (they would change the bytes).
 */
final class LineReader {

  enum Status {
    LINE,
    END,
    UNTERMINATED,
    TOO_LONG
  }

  private final InputStream in;
  private final int maxLineLength;
  private final byte[] buffer = new byte[1 << 16];
  private int position;
  private int limit;
  private byte[] line = new byte[1 << 12];
  private int lineLength;

  LineReader(InputStream in, int maxLineLength) {
    this.in = in;
    this.maxLineLength = maxLineLength;
  }

  /** Reads the next line (without its newline) into {@link #line()}. */
  Status next() throws IOException {
    lineLength = 0;
    while (true) {
      if (position == limit) {
        limit = in.read(buffer, 0, buffer.length);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          return lineLength == 0 ? Status.END : Status.UNTERMINATED;
        }
      }
      int end = position;
      while (end < limit && buffer[end] != '\n') {
        end++;
      }
      if (!append(position, end - position)) {
        return Status.TOO_LONG;
      }
      boolean complete = end < limit;
      position = complete ? end + 1 : end;
      if (complete) {
        return Status.LINE;
      }
    }
  }

  byte[] line() {
    return line;
  }

  int length() {
    return lineLength;
  }

  private boolean append(int from, int count) {
    if (lineLength + count > maxLineLength) {
      return false;
    }
    if (lineLength + count > line.length) {
      line = Arrays.copyOf(line, Math.max(2 * line.length, lineLength + count));
    }
    System.arraycopy(buffer, from, line, lineLength, count);
    lineLength += count;
    return true;
  }
}
