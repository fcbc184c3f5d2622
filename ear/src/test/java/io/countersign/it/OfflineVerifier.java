package io.countersign.it;

import io.countersign.verifier.note.VerifierKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the standalone verifier jar the way an auditor does: a separate JVM, files, exit code. */
final class OfflineVerifier {

  /** What the verifier printed and its exit status (0 PASS, 1 FAIL, 2 usage). */
  record Run(int exitCode, String output) {}

  private OfflineVerifier() {}

  static Run verify(Path export, List<VerifierKey> keys, String... extra)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-jar");
    command.add(jar().toString());
    command.add("--export");
    command.add(export.toString());
    keys.forEach(
        key -> {
          command.add("--key");
          command.add(key.encoded());
        });
    command.addAll(List.of(extra));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("verifier did not finish: " + output);
    }
    return new Run(process.exitValue(), output);
  }

  /** The jar the audit-verifier module built (the reactor builds it before this module). */
  static Path jar() throws IOException {
    Path target = Path.of("..", "audit-verifier", "target");
    try (Stream<Path> files = Files.list(target)) {
      return files
          .filter(f -> f.getFileName().toString().matches("countersign-audit-verifier-.*\\.jar"))
          .filter(f -> !f.getFileName().toString().contains("sources"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no verifier jar in " + target));
    }
  }
}
