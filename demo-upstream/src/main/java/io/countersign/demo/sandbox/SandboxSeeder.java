package io.countersign.demo.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Logger;

/** Creates the sandbox folder and a few small text files in it; never overwrites a file. */
public final class SandboxSeeder {

  private static final Logger LOG = Logger.getLogger(SandboxSeeder.class.getName());

  static final Map<String, String> FILES =
      Map.of(
          "README.txt",
          """
          Countersign demo sandbox.
          The read_file tool of the demo upstream reads files in this folder, and nothing outside it.
          """,
          "notes/release-checklist.md",
          """
          # Release checklist
          - [x] Freeze the branch
          - [ ] Run the migration on staging
          - [ ] Flip feature.checkout_v2 in production
          """,
          "reports/q1-summary.csv",
          """
          month,orders,revenue_eur
          2026-01,14,18230.50
          2026-02,11,15110.00
          2026-03,9,12875.25
          """);

  private SandboxSeeder() {}

  public static void seed(Path root) {
    try {
      Files.createDirectories(root);
      for (Map.Entry<String, String> file : FILES.entrySet()) {
        Path path = root.resolve(file.getKey());
        if (!Files.exists(path)) {
          Files.createDirectories(path.getParent());
          Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
        }
      }
      LOG.info(() -> "Demo sandbox ready at " + root);
    } catch (IOException e) {
      throw new UncheckedIOException("Seeding the demo sandbox at " + root + " failed", e);
    }
  }
}
