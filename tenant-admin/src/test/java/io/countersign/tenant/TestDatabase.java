package io.countersign.tenant;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.Persistence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * A fresh database with the real tenant schema (the web module's Flyway migration V1) and the real
 * JPA provider, for tests of the import, the key service and the directory. In-memory H2 by
 * default; with {@code -Dcountersign.test.postgres=<admin JDBC URL>} a new PostgreSQL database per
 * instance, dropped on close.
 */
public final class TestDatabase implements AutoCloseable {

  private static final Path MIGRATIONS =
      Path.of("..", "web", "src", "main", "resources", "db", "migration");

  /** The migrations that create the tables of this module's entities. */
  private static final java.util.List<Path> SCHEMA =
      java.util.List.of(
          MIGRATIONS.resolve("V1__tenant_model.sql"),
          MIGRATIONS.resolve("V6__ciba_provider.sql"),
          MIGRATIONS.resolve("V7__tenant_approval_expiry.sql"),
          MIGRATIONS.resolve("V11__tenant_tool_names.sql"),
          MIGRATIONS.resolve("V15__tenant_approval_provider.sql"),
          MIGRATIONS.resolve("V17__approver_notifications.sql"),
          MIGRATIONS.resolve("V18__approver_sign_in.sql"));

  private static final String POSTGRES = "countersign.test.postgres";

  private final String url;
  private final Connection keepAlive;
  private final EntityManagerFactory factory;
  private final Runnable drop;

  private TestDatabase(String url, Runnable drop) throws SQLException {
    this.url = url;
    this.drop = drop;
    this.keepAlive = DriverManager.getConnection(url);
    try (Statement statement = keepAlive.createStatement()) {
      for (Path migration : SCHEMA) {
        for (String sql : Files.readString(migration).replaceAll("--[^\\n]*", "").split(";")) {
          if (!sql.isBlank()) {
            statement.execute(sql);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.factory =
        Persistence.createEntityManagerFactory(
            "countersign-test",
            Map.of(
                "jakarta.persistence.jdbc.url",
                url,
                "jakarta.persistence.jdbc.driver",
                DriverManager.getDriver(url).getClass().getName()));
  }

  public static TestDatabase create() {
    try {
      String admin = System.getProperty(POSTGRES, "");
      if (admin.isEmpty()) {
        return new TestDatabase(
            "jdbc:h2:mem:cs-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", () -> {});
      }
      String name = "cs_test_" + UUID.randomUUID().toString().replace("-", "");
      execute(admin, "CREATE DATABASE " + name);
      int query = admin.indexOf('?');
      String base = query < 0 ? admin : admin.substring(0, query);
      String url =
          base.substring(0, base.lastIndexOf('/') + 1)
              + name
              + (query < 0 ? "" : admin.substring(query));
      return new TestDatabase(url, () -> execute(admin, "DROP DATABASE " + name + " WITH (FORCE)"));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void execute(String url, String sql) {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs {@code work} in its own transaction and persistence context, like a container would. */
  public <T> T transaction(Function<EntityManager, T> work) {
    EntityManager em = factory.createEntityManager();
    EntityTransaction tx = em.getTransaction();
    try {
      tx.begin();
      T result = work.apply(em);
      tx.commit();
      return result;
    } finally {
      if (tx.isActive()) {
        tx.rollback();
      }
      em.close();
    }
  }

  /** An entity manager outside any transaction, like a container's for reads; close it. */
  public EntityManager entityManager() {
    return factory.createEntityManager();
  }

  /** Counts rows with plain JDBC, beside JPA. */
  public long count(String table) {
    return number("SELECT COUNT(*) FROM " + table);
  }

  public long number(String sql) {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement();
        var rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws SQLException {
    factory.close();
    if (url.startsWith("jdbc:h2:")) {
      try (Statement statement = keepAlive.createStatement()) {
        statement.execute("SHUTDOWN");
      }
    }
    keepAlive.close();
    drop.run();
  }
}
