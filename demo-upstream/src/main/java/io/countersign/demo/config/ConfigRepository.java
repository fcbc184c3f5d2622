package io.countersign.demo.config;

import io.countersign.demo.db.DataAccessException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads and writes {@code demo_config}. The upsert is a locked read then an UPDATE or INSERT in one
 * transaction: portable, where MERGE and ON CONFLICT are not.
 */
public class ConfigRepository {

  private final DataSource dataSource;

  public ConfigRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public Optional<String> find(String environment, String key) {
    try (Connection connection = dataSource.getConnection()) {
      return select(connection, environment, key, false);
    } catch (SQLException e) {
      throw new DataAccessException("Reading a configuration key", e);
    }
  }

  /** Sets {@code key} in {@code environment} to {@code value}, creating it if needed. */
  public ConfigChange put(String environment, String key, String value, Instant now) {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        Optional<String> previous = select(connection, environment, key, true);
        write(
            connection,
            previous.isPresent(),
            environment,
            key,
            value,
            now.atOffset(ZoneOffset.UTC));
        connection.commit();
        return new ConfigChange(environment, key, value, previous);
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new DataAccessException("Updating a configuration key", e);
    }
  }

  private static Optional<String> select(
      Connection connection, String environment, String key, boolean forUpdate)
      throws SQLException {
    String sql =
        "SELECT config_value FROM demo_config WHERE environment = ? AND config_key = ?"
            + (forUpdate ? " FOR UPDATE" : "");
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, environment);
      statement.setString(2, key);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    }
  }

  private static void write(
      Connection connection,
      boolean exists,
      String environment,
      String key,
      String value,
      OffsetDateTime now)
      throws SQLException {
    String sql =
        exists
            ? "UPDATE demo_config SET config_value = ?, updated_at = ?"
                + " WHERE environment = ? AND config_key = ?"
            : "INSERT INTO demo_config (config_value, updated_at, environment, config_key)"
                + " VALUES (?, ?, ?, ?)";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, value);
      statement.setObject(2, now);
      statement.setString(3, environment);
      statement.setString(4, key);
      statement.executeUpdate();
    }
  }
}
