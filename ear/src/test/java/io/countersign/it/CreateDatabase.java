package io.countersign.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
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

  /** Earlier runs' databases are leftovers: drop those no session uses any more. */
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
      if (!database.matches("[a-z0-9_]{1,63}")) {
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
}
