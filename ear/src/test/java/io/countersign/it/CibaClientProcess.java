package io.countersign.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * An independent CIBA client from npm ({@code e2e/ciba-openid-client.mjs} or {@code
 * e2e/ciba-oauth4webapi.mjs}) running as its own process; it prints JSON lines: the
 * acknowledgement, then pending / slow_down lines, then the outcome.
 */
final class CibaClientProcess implements AutoCloseable {

  private final Process process;
  private final BufferedReader lines;

  CibaClientProcess(String script, JsonObject input) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder("node", script)
            .directory(ItEnvironment.e2eDirectory().toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put("CIBA_CLIENT_INPUT", input.toString());
    process = builder.start();
    process.getOutputStream().close();
    lines =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /** The next line whose event is not pending or slow_down. */
  JsonObject nextOutcome() throws Exception {
    while (true) {
      String line = lines.readLine();
      if (line == null) {
        throw new AssertionError("the client ended without an outcome");
      }
      if (!line.startsWith("{")) {
        continue;
      }
      JsonObject event = Json.createReader(new StringReader(line)).readObject();
      String kind = event.getString("event", "");
      if (!kind.equals("pending") && !kind.equals("slow_down")) {
        return event;
      }
    }
  }

  @Override
  public void close() throws Exception {
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
