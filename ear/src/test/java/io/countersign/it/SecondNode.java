package io.countersign.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A second Countersign server beside the server under test: a copy of its Liberty server on ports
 * of its own. Either a second node of the same deployment (the same database and secret key), or a
 * deployment of its own (its own database, and a secret key it creates itself).
 */
final class SecondNode implements AutoCloseable {

  private static final String NODE = "countersign-b";

  final String baseUrl;
  private final Path liberty;
  private final String name;

  private SecondNode(Path liberty, String name, int port) {
    this.liberty = liberty;
    this.name = name;
    this.baseUrl = "http://localhost:" + port;
  }

  /**
   * Starts a second node of the deployment under test with these system properties added, and waits
   * until it is ready.
   */
  static SecondNode start(Map<String, String> properties) throws Exception {
    Path first = Path.of(System.getProperty("it.liberty.dir")).resolve("usr/servers/countersign");
    List<String> options = new ArrayList<>();
    // the first node's sealing key: what one node sealed, the other opens
    options.add("-Dcountersign.secrets.key-file=" + first.resolve("data/secrets.key"));
    return start(NODE, Map.of(), options, properties);
  }

  /**
   * Starts another deployment named {@code name} on the database at {@code jdbcUrl}: nothing is
   * shared with the server under test but the runtime's files. Its secret key is its own (created
   * at its first start under its own server directory).
   */
  static SecondNode startDeployment(String name, String jdbcUrl, Map<String, String> properties)
      throws Exception {
    return start(name, Map.of("db.url", jdbcUrl), List.of(), properties);
  }

  private static SecondNode start(
      String name,
      Map<String, String> bootstrapValues,
      List<String> jvmOptions,
      Map<String, String> properties)
      throws Exception {
    Path liberty = Path.of(System.getProperty("it.liberty.dir"));
    Path first = liberty.resolve("usr/servers/countersign");
    Path second = liberty.resolve("usr/servers/" + name);
    deleteTree(second);
    Files.createDirectories(second);
    for (String part : List.of("server.xml", "server.env", "jvm.options", "apps", "jdbc")) {
      copyTree(first.resolve(part), second.resolve(part));
    }
    int port = freePort();
    List<String> bootstrap = new ArrayList<>();
    for (String line : Files.readAllLines(first.resolve("bootstrap.properties"))) {
      String key = line.contains("=") ? line.substring(0, line.indexOf('=')).trim() : "";
      if (!key.equals("http.port") && !bootstrapValues.containsKey(key)) {
        bootstrap.add(line);
      }
    }
    bootstrapValues.forEach((key, value) -> bootstrap.add(key + "=" + value));
    bootstrap.add("http.port=" + port);
    bootstrap.add("https.port=" + freePort());
    Files.write(second.resolve("bootstrap.properties"), bootstrap);
    List<String> options = new ArrayList<>(Files.readAllLines(second.resolve("jvm.options")));
    options.addAll(jvmOptions);
    properties.forEach((property, value) -> options.add("-D" + property + "=" + value));
    Files.write(second.resolve("jvm.options"), options);

    SecondNode node = new SecondNode(liberty, name, port);
    node.server("start");
    Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
    while (Instant.now().isBefore(deadline)) {
      try {
        if (McpHttp.get(node.baseUrl + "/health/ready").statusCode() == 200) {
          return node;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(1_000);
    }
    node.close();
    fail(name + " did not become ready within 180 s");
    return node;
  }

  @Override
  public void close() throws Exception {
    server("stop");
  }

  private void server(String action) throws Exception {
    Process process =
        new ProcessBuilder(liberty.resolve("bin/server").toString(), action, name)
            .redirectOutput(ProcessBuilder.Redirect.INHERIT)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail(name + " " + action + " did not finish in 120 s");
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    if (!Files.exists(from)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path :
          (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.delete(path);
      }
    }
  }
}
