package io.countersign.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the independent MCP peers of {@code e2e/} (official SDK client, server-everything). */
final class NodePeers {

  private NodePeers() {}

  /** The official TypeScript SDK client: one command, one JSON document back. */
  static JsonObject sdkClient(String url, String key, String... command) throws Exception {
    List<String> args = new ArrayList<>(List.of("node", "sdk-client.mjs", "--url", url));
    if (key != null) {
      args.addAll(List.of("--bearer", key));
    }
    args.addAll(List.of(command));
    return Json.createReader(new StringReader(run(args, 60))).readObject();
  }

  /** The official TypeScript SDK v2 client pinned to MCP 2026-07-28: one command, one JSON back. */
  static JsonObject sdk2Client(String url, String key, String... command) throws Exception {
    List<String> args = new ArrayList<>(List.of("node", "sdk2-client.mjs", "--url", url));
    if (key != null) {
      args.addAll(List.of("--bearer", key));
    }
    args.addAll(List.of(command));
    return Json.createReader(new StringReader(run(args, 120))).readObject();
  }

  /** The MCP Inspector CLI (on the Node 22 it needs); returns its JSON output. */
  static JsonObject inspector(String url, String key, String... command) throws Exception {
    List<String> args = new ArrayList<>(List.of("bash", "inspector.sh", url));
    if (key != null) {
      args.addAll(List.of("--bearer", key));
    }
    args.addAll(List.of(command));
    String output = run(args, 120);
    return Json.createReader(new StringReader(output.substring(output.indexOf('{')))).readObject();
  }

  static String run(List<String> command, int timeoutSeconds) throws Exception {
    Process process =
        new ProcessBuilder(command)
            .directory(ItEnvironment.e2eDirectory().toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(command + " did not finish in " + timeoutSeconds + " s");
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  /**
   * An upstream MCP server of {@code e2e/} on a free loopback port, which prints {@code READY
   * <url>}; closing it stops the server.
   */
  static final class Upstream implements AutoCloseable {
    private final Process process;
    final String url;

    /** server-everything, the reference upstream of the session eras. */
    static Upstream everything() throws Exception {
      return new Upstream("start-everything.mjs", "0");
    }

    /** An upstream of MCP 2026-07-28 only, on the official v2 server SDK. */
    static Upstream modern() throws Exception {
      return new Upstream("modern-upstream.mjs", "0");
    }

    /** An upstream of MCP 2025-11-25 whose task tools end otherwise than completed. */
    static Upstream tasks() throws Exception {
      return new Upstream("task-upstream.mjs", "0");
    }

    /** The fixture for the conformance suite's server scenarios. */
    static Upstream conformance() throws Exception {
      return new Upstream("conformance-upstream.mjs", "0", "--trust-negotiated-version");
    }

    /** The fixture for the conformance suite's scenarios at the 2026-07-28 wire. */
    static Upstream conformanceModern() throws Exception {
      return new Upstream("conformance-modern-upstream.mjs", "0");
    }

    private Upstream(String script, String... args) throws Exception {
      Path dir = ItEnvironment.e2eDirectory();
      List<String> command = new ArrayList<>(List.of("node", script));
      command.addAll(List.of(args));
      process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      var reader =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = reader.readLine();
      if (line == null || !line.startsWith("READY ")) {
        process.destroyForcibly();
        throw new IllegalStateException(script + " did not start: " + line);
      }
      url = line.substring("READY ".length()).trim();
    }

    @Override
    public void close() throws IOException {
      process.getOutputStream().close();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
