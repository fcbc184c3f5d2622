package io.countersign.it;

import java.nio.file.Path;

/** Where the server under test is and the credentials the build gave it. */
final class ItEnvironment {

  static {
    // the server under test sends e-mail from its first held call on
    MailCatcher.ensureStarted();
    // on a loaded machine the server reports itself started while the application still deploys
    try {
      ItServer.awaitReady();
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private ItEnvironment() {}

  static String baseUrl() {
    return System.getProperty("it.base-url", "http://localhost:9080");
  }

  static String demoAgentKey() {
    return required("it.demo.agent.key");
  }

  static String demoPassword() {
    return required("it.demo.password");
  }

  static String demoClientSecret() {
    return required("it.demo.client.secret");
  }

  static String operatorToken() {
    return required("it.operator.token");
  }

  static String jdbcUrl() {
    return required("it.jdbc.url");
  }

  static String jdbcUser() {
    return System.getProperty("it.jdbc.user", "");
  }

  static String jdbcPassword() {
    return System.getProperty("it.jdbc.password", "");
  }

  static boolean onPostgres() {
    return jdbcUrl().startsWith("jdbc:postgresql:");
  }

  static Path e2eDirectory() {
    return Path.of(required("it.e2e.dir"));
  }

  private static String required(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("system property " + name + " is not set by the build");
    }
    return value;
  }
}
