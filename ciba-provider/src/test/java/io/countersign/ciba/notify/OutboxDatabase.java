package io.countersign.ciba.notify;

import io.countersign.ciba.approval.ApprovalRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * An in-memory H2 database with the real tables the outbox uses (the web module's migrations V1, V6
 * and V17), one tenant {@code acme}, and a data source for the outbox.
 */
final class OutboxDatabase implements AutoCloseable {

  private static final Path MIGRATIONS =
      Path.of("..", "web", "src", "main", "resources", "db", "migration");

  final String url = "jdbc:h2:mem:outbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  private final Connection keepAlive;

  OutboxDatabase() throws SQLException {
    keepAlive = DriverManager.getConnection(url);
    try (Statement statement = keepAlive.createStatement()) {
      for (String file :
          List.of(
              "V1__tenant_model.sql", "V6__ciba_provider.sql", "V17__approver_notifications.sql")) {
        for (String sql :
            Files.readString(MIGRATIONS.resolve(file)).replaceAll("--[^\\n]*", "").split(";")) {
          if (!sql.isBlank()) {
            statement.execute(sql);
          }
        }
      }
      statement.execute(
          "INSERT INTO tenant (id, display_name, created_at, updated_at)"
              + " VALUES ('acme', 'Acme', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A data source handing out new auto-commit connections. */
  DataSource dataSource() {
    return dataSource(() -> DriverManager.getConnection(url));
  }

  /**
   * A data source handing out one connection whose close does nothing, as a container does within a
   * transaction: everything done through it commits or rolls back together.
   */
  DataSource transactional(Connection transaction) {
    Connection shared =
        (Connection)
            Proxy.newProxyInstance(
                Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) ->
                    method.getName().equals("close") ? null : method.invoke(transaction, args));
    return dataSource(() -> shared);
  }

  /**
   * Stores the request's row as the provider would (state and expiry are what the outbox reads).
   */
  void store(ApprovalRequest request) throws SQLException {
    try (PreparedStatement insert =
        keepAlive.prepareStatement(
            "INSERT INTO approval_request (id, tenant_id, auth_req_id_hash, client_id, state,"
                + " risk, created_at, expires_at, snapshot, poll_interval_seconds, scope)"
                + " VALUES (?, 'acme', ?, 'gateway', ?, 'high', ?, ?, '{}', 5, 'openid')")) {
      insert.setString(1, request.id().toString());
      insert.setString(2, UUID.randomUUID().toString().replace("-", ""));
      insert.setString(3, request.state().name());
      insert.setObject(4, request.createdAt().atOffset(ZoneOffset.UTC));
      insert.setObject(5, request.expiresAt().atOffset(ZoneOffset.UTC));
      insert.executeUpdate();
    }
  }

  void execute(String sql) throws SQLException {
    try (Statement statement = keepAlive.createStatement()) {
      statement.execute(sql);
    }
  }

  /** The outbox rows: column name (lower case) to value. */
  List<Map<String, Object>> notifications() throws SQLException {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Statement statement = keepAlive.createStatement();
        ResultSet r =
            statement.executeQuery(
                "SELECT channel, recipient, kind, state, attempts, next_attempt_at, last_error"
                    + " FROM approver_notification ORDER BY channel, recipient")) {
      while (r.next()) {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
          row.put(r.getMetaData().getColumnLabel(i).toLowerCase(), r.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  @Override
  public void close() throws SQLException {
    keepAlive.close();
  }

  @FunctionalInterface
  private interface Connections {
    Connection get() throws SQLException;
  }

  private static DataSource dataSource(Connections connections) {
    return new DataSource() {
      @Override
      public Connection getConnection() throws SQLException {
        return connections.get();
      }

      @Override
      public Connection getConnection(String user, String password) throws SQLException {
        return connections.get();
      }

      @Override
      public PrintWriter getLogWriter() {
        return null;
      }

      @Override
      public void setLogWriter(PrintWriter out) {}

      @Override
      public void setLoginTimeout(int seconds) {}

      @Override
      public int getLoginTimeout() {
        return 0;
      }

      @Override
      public Logger getParentLogger() {
        return Logger.getGlobal();
      }

      @Override
      public <T> T unwrap(Class<T> type) throws SQLException {
        throw new SQLException("not a wrapper");
      }

      @Override
      public boolean isWrapperFor(Class<?> type) {
        return false;
      }
    };
  }
}
