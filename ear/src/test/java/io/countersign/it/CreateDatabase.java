package io.countersign.it;

import java.sql.DriverManager;
import java.sql.SQLException;

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
      statement.execute("CREATE DATABASE " + name);
    }
    System.out.println("[it] created PostgreSQL database " + name);
  }
}
