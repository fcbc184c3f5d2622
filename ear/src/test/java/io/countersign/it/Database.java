package io.countersign.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Direct JDBC access to the server's database, to check what the server wrote. */
final class Database {

  private Database() {}

  static Connection connect() throws SQLException {
    return DriverManager.getConnection(
        ItEnvironment.jdbcUrl(), ItEnvironment.jdbcUser(), ItEnvironment.jdbcPassword());
  }

  static long count(String sql, Object... parameters) throws SQLException {
    try (var connection = connect();
        var statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (var rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  static void execute(String sql) throws SQLException {
    try (var connection = connect();
        var statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
