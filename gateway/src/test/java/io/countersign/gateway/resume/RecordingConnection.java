package io.countersign.gateway.resume;

import java.util.ArrayList;
import java.util.List;

/** A client connection in memory: what it received, and whether it is still there. */
final class RecordingConnection implements StreamConnection {

  final List<String> frames = new ArrayList<>();
  boolean alive = true;
  boolean ended;

  @Override
  public boolean write(String frame) {
    if (!alive || ended) {
      return false;
    }
    frames.add(frame);
    return true;
  }

  @Override
  public void end() {
    ended = true;
  }

  /** The data of the message events received, in order (priming events and comments left out). */
  List<String> messages() {
    return frames.stream()
        .filter(frame -> frame.contains("event: message"))
        .map(frame -> frame.substring(frame.indexOf("data: ") + 6).trim())
        .toList();
  }

  /** The id of the last event received. */
  String lastEventId() {
    String id = null;
    for (String frame : frames) {
      if (frame.startsWith("id: ")) {
        id = frame.substring(4, frame.indexOf('\n'));
      }
    }
    return id;
  }
}
