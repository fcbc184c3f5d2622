package io.countersign.verifier.cli;

import io.countersign.verifier.export.EntryLine;
import io.countersign.verifier.export.ExportLayout;
import io.countersign.verifier.merkle.MerkleHash;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** What an attacker with write access to the stored entries does to an export. */
final class Tamper {

  private final Path entries;

  private Tamper(Path export) {
    this.entries = export.resolve(ExportLayout.ENTRIES);
  }

  static Tamper export(Path export) {
    return new Tamper(export);
  }

  /** Changes one byte inside the event of entry {@code index}. */
  void changeOneByte(int index) throws IOException {
    List<byte[]> lines = lines();
    byte[] line = lines.get(index);
    int at = indexOf(line, "\"decision\":\"") + "\"decision\":\"".length();
    line[at] = (byte) (line[at] == 'a' ? 'd' : 'a');
    write(lines);
  }

  /** Replaces the event of entry {@code index} and its recorded leaf hash consistently. */
  void replaceEvent(int index, byte[] event) throws IOException {
    List<byte[]> lines = lines();
    byte[] line = EntryLine.encode(index, event);
    lines.set(index, Arrays.copyOf(line, line.length - 1));
    write(lines);
  }

  /** Replaces the recorded leaf hash on the elided line of entry {@code index} with another. */
  void changeElidedHash(int index) throws IOException {
    List<byte[]> lines = lines();
    byte[] other = MerkleHash.leafHash("{\"forged\":true}".getBytes(StandardCharsets.UTF_8));
    byte[] line = EntryLine.encodeElided(index, other);
    if (lines.get(index).length != line.length - 1) {
      throw new IllegalStateException("entry " + index + " is not elided");
    }
    lines.set(index, Arrays.copyOf(line, line.length - 1));
    write(lines);
  }

  void delete(int index) throws IOException {
    List<byte[]> lines = lines();
    lines.remove(index);
    write(lines);
  }

  void swap(int first, int second) throws IOException {
    List<byte[]> lines = lines();
    Collections.swap(lines, first, second);
    write(lines);
  }

  void keepFirst(int count) throws IOException {
    write(new ArrayList<>(lines().subList(0, count)));
  }

  private List<byte[]> lines() throws IOException {
    List<byte[]> lines = new ArrayList<>();
    for (String line : Files.readAllLines(entries, StandardCharsets.UTF_8)) {
      lines.add(line.getBytes(StandardCharsets.UTF_8));
    }
    return lines;
  }

  private void write(List<byte[]> lines) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] line : lines) {
      out.writeBytes(line);
      out.write('\n');
    }
    Files.write(entries, out.toByteArray());
  }

  private static int indexOf(byte[] line, String text) {
    String decoded = new String(line, StandardCharsets.UTF_8);
    int at = decoded.indexOf(text);
    if (at < 0 || decoded.length() != line.length) {
      throw new IllegalStateException("not an ASCII event line with " + text);
    }
    return at;
  }
}
