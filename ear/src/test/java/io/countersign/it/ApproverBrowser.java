package io.countersign.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The approver app in headless Chromium on a phone-sized screen, with a virtual passkey
 * authenticator ({@code e2e/approver-browser.mjs}): one command, one JSON answer.
 */
final class ApproverBrowser implements AutoCloseable {

  private final Process process;
  private final Writer commands;
  private final BufferedReader answers;

  ApproverBrowser(String tenant) throws IOException {
    process =
        new ProcessBuilder(
                List.of(
                    "node",
                    "approver-browser.mjs",
                    "--base",
                    ItEnvironment.baseUrl(),
                    "--tenant",
                    tenant,
                    "--chromium",
                    System.getProperty("it.chromium", "/usr/bin/chromium")))
            .directory(ItEnvironment.e2eDirectory().toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    answers =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String ready = answers.readLine();
    if (ready == null || !ready.contains("\"ready\":true")) {
      process.destroyForcibly();
      throw new IllegalStateException("the browser did not start: " + ready);
    }
  }

  /** Runs {@code cmd} with {@code parameters} (name, value pairs); fails when the page did. */
  JsonObject run(String cmd, Object... parameters) throws IOException {
    JsonObject answer = attempt(cmd, parameters);
    if (!answer.getBoolean("ok")) {
      throw new AssertionError(cmd + " failed in the browser: " + answer);
    }
    return answer;
  }

  /** Runs {@code cmd}; the answer says whether it worked. */
  JsonObject attempt(String cmd, Object... parameters) throws IOException {
    JsonObjectBuilder command = Json.createObjectBuilder().add("cmd", cmd);
    for (int i = 0; i < parameters.length; i += 2) {
      Object value = parameters[i + 1];
      if (value instanceof JsonObject json) {
        command.add((String) parameters[i], json);
      } else {
        command.add((String) parameters[i], String.valueOf(value));
      }
    }
    commands.write(command.build().toString() + "\n");
    commands.flush();
    String line = answers.readLine();
    if (line == null) {
      throw new IllegalStateException("the browser stopped during " + cmd);
    }
    return Json.createReader(new StringReader(line)).readObject();
  }

  @Override
  public void close() {
    try {
      attempt("close");
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (IOException | RuntimeException e) {
      // already gone
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      process.destroyForcibly();
    }
  }
}
