package io.countersign.verifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.verifier.note.NoteSigner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One run of the verifier as an auditor runs it: exit status and what it printed. */
record CliRun(int status, String out, String err) {

  /** Runs the command line with {@code args}. */
  static CliRun of(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new CliRun(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Verifies {@code export} with {@code key} pinned, and {@code more} arguments. */
  static CliRun verify(Path export, NoteSigner key, String... more) {
    List<String> args = new ArrayList<>(List.of("--export", export.toString(), "--key", key(key)));
    args.addAll(List.of(more));
    return of(args.toArray(String[]::new));
  }

  static String key(NoteSigner signer) {
    return signer.verifierKey().encoded();
  }

  String firstLine() {
    return out.lines().findFirst().orElse("");
  }

  void assertFailsAt(long index) {
    assertEquals(1, status, out);
    assertTrue(firstLine().startsWith("FAIL: "), out);
    assertTrue(out.contains("first broken entry: " + index + "\n"), out);
  }

  /** FAIL, with a first line holding all of {@code parts}. */
  void assertFailsSaying(String... parts) {
    assertEquals(1, status, out);
    assertTrue(firstLine().startsWith("FAIL: "), out);
    for (String part : parts) {
      assertTrue(firstLine().contains(part), "no '" + part + "' in: " + out);
    }
  }
}
