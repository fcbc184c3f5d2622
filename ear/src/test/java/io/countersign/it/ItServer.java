package io.countersign.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** The Liberty server under test, for tests that stop and start it. */
final class ItServer {

  private ItServer() {}

  /** Stops the server and starts it again, then waits until it is ready. */
  static void restart() throws Exception {
    stop();
    start();
  }

  static void stop() throws Exception {
    liberty("stop");
  }

  static void start() throws Exception {
    liberty("start");
    awaitReady();
  }

  /**
   * Waits until the application answers {@code /health/ready}: on a loaded machine the server can
   * report itself started while the application is still deploying.
   */
  static void awaitReady() throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
    while (Instant.now().isBefore(deadline)) {
      try {
        var ready = McpHttp.get(ItEnvironment.baseUrl() + "/health/ready");
        if (ready.statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException notYet) {
        // the server is still starting
      }
      Thread.sleep(1_000);
    }
    fail("the server did not become ready within 180 s");
  }

  private static void liberty(String action) throws Exception {
    Path server = Path.of(System.getProperty("it.liberty.dir"), "bin", "server");
    Process process =
        new ProcessBuilder(server.toString(), action, "countersign")
            .redirectOutput(ProcessBuilder.Redirect.INHERIT)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("server " + action + " did not finish in 120 s");
    }
  }
}
