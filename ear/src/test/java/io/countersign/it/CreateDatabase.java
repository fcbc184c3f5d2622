package io.countersign.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates the PostgreSQL database an integration-test run uses (run by the build before the server
 * starts): {@code CreateDatabase <admin jdbc url> <user> <password> <name>}.
 */
public final class CreateDatabase {

  private CreateDatabase() {}

  public static void main(String[] args) throws SQLException {
    String name = args[3];
    if (!name.matches("[a-z0-9_]{1,63}")) {
      throw new IllegalArgumentException("not a safe database name: " + name);
    }
    try (var connection = DriverManager.getConnection(args[0], args[1], args[2]);
        var statement = connection.createStatement()) {
      dropEarlierRuns(connection);
      statement.execute("CREATE DATABASE " + name);
    }
    System.out.println("[it] created PostgreSQL database " + name);
  }

  /**
   * A run's database is named after its start (UTC); one younger than this may belong to a run
   * still starting on the same machine (its server not yet connected), so it is kept.
   */
  private static final Duration RUN_MAY_LAST = Duration.ofHours(2);

  private static final DateTimeFormatter RUN_NAME =
      DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

  /**
   * Earlier runs' databases are leftovers: drop those no session uses any more and that are older
   * than {@link #RUN_MAY_LAST}.
   */
  private static void dropEarlierRuns(Connection connection) throws SQLException {
    List<String> earlier = new ArrayList<>();
    try (var rows =
        connection
            .createStatement()
            .executeQuery(
                "SELECT datname FROM pg_database WHERE datname LIKE 'countersign\\_it\\_%'")) {
      while (rows.next()) {
        earlier.add(rows.getString(1));
      }
    }
    for (String database : earlier) {
      if (!database.matches("[a-z0-9_]{1,63}") || mayStillRun(database)) {
        continue;
      }
      try (var statement = connection.createStatement()) {
        statement.execute("DROP DATABASE " + database);
        System.out.println("[it] dropped leftover database " + database);
      } catch (SQLException inUse) {
        System.out.println("[it] kept " + database + ": " + inUse.getMessage());
      }
    }
  }

  private static boolean mayStillRun(String database) {
    try {
      Instant started =
          Instant.from(RUN_NAME.parse(database.substring("countersign_it_".length())));
      return started.isAfter(Instant.now().minus(RUN_MAY_LAST));
    } catch (DateTimeException notARunName) {
      return false;
    }
  }
}
