package io.countersign.verifier.export;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code checkpoints.txt}: signed notes one after the other, separated by one blank line. A
 * checkpoint's text has no empty line, so the first blank line of a note ends its text and the next
 * one ends its signatures.
 */
public final class CheckpointFile {

  private CheckpointFile() {}

  /** The file content for these notes (each a formatted signed checkpoint), oldest first. */
  public static String format(List<String> notes) {
    return String.join("\n", notes);
  }

  /** Splits the file into the formatted notes it holds; throws if the layout is broken. */
  public static List<String> split(String content) {
    List<String> notes = new ArrayList<>();
    if (content.isEmpty()) {
      return notes;
    }
    if (!content.endsWith("\n") || content.endsWith("\n\n")) {
      throw new IllegalArgumentException("does not end with exactly one newline");
    }
    String[] lines = content.substring(0, content.length() - 1).split("\n", -1);
    StringBuilder note = new StringBuilder();
    boolean inSignatures = false;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (!line.isEmpty()) {
        note.append(line).append('\n');
      } else if (!inSignatures && note.length() > 0) {
        note.append('\n');
        inSignatures = true;
      } else if (inSignatures && !lines[i - 1].isEmpty()) {
        notes.add(note.toString());
        note.setLength(0);
        inSignatures = false;
      } else {
        throw new IllegalArgumentException("has an unexpected blank line at line " + (i + 1));
      }
    }
    if (note.length() > 0) {
      notes.add(note.toString());
    }
    return notes;
  }
}
