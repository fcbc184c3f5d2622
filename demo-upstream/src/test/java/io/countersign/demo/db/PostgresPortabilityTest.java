package io.countersign.demo.db;

import static io.countersign.demo.tool.ToolOutcomes.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.demo.config.ConfigRepository;
import io.countersign.demo.config.UpdateConfigTool;
import io.countersign.demo.mail.OutboxRepository;
import io.countersign.demo.mail.SendEmailTool;
import io.countersign.demo.order.DeleteOrdersTool;
import io.countersign.demo.order.ListOrdersTool;
import io.countersign.demo.order.OrderRepository;
import io.countersign.demo.payment.ChargeCardTool;
import io.countersign.demo.payment.LedgerRepository;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The migrations and every tool's SQL on a real PostgreSQL, in a database created for this run.
 * Skipped where no PostgreSQL listens on {@code PGHOST:PGPORT} (default 127.0.0.1:5432, user {@code
 * PGUSER}, default postgres).
 */
class PostgresPortabilityTest {

  private static final String DATABASE =
      "demo_upstream_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private static PGSimpleDataSource admin;
  private static DataSource dataSource;

  private static PGSimpleDataSource dataSource(String database) {
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setServerNames(new String[] {env("PGHOST", "127.0.0.1")});
    source.setPortNumbers(new int[] {Integer.parseInt(env("PGPORT", "5432"))});
    source.setUser(env("PGUSER", "postgres"));
    source.setPassword(System.getenv("PGPASSWORD"));
    source.setDatabaseName(database);
    source.setConnectTimeout(2);
    return source;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private static void adminExecute(String sql) throws SQLException {
    try (Connection connection = admin.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  @BeforeAll
  static void createDatabase() {
    admin = dataSource("postgres");
    try {
      adminExecute("CREATE DATABASE " + DATABASE);
    } catch (SQLException e) {
      Assumptions.abort("No PostgreSQL to test on: " + e.getMessage());
    }
    dataSource = dataSource(DATABASE);
    // Countersign's own tables share the schema.
    TestDatabase.execute(dataSource, "CREATE TABLE tenant (id BIGINT PRIMARY KEY)");
    DemoSchema.migrate(dataSource);
  }

  @AfterAll
  static void dropDatabase() throws SQLException {
    if (dataSource != null) {
      adminExecute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    }
  }

  @Test
  void ordersAreListedFilteredAndDeleted() {
    OrderRepository orders = new OrderRepository(dataSource);
    assertEquals(50, TestDatabase.count(dataSource, "SELECT COUNT(*) FROM demo_order"));

    var listed =
        success(
            new ListOrdersTool(orders)
                .invoke(
                    Map.of(
                        "status", "shipped", "created_after", "2026-01-01T00:00:00Z", "limit", 5)));
    assertTrue((Integer) listed.structuredContent().get("count") > 0);

    long refunded =
        TestDatabase.count(dataSource, "SELECT COUNT(*) FROM demo_order WHERE status = 'refunded'");
    var deleted = success(new DeleteOrdersTool(orders).invoke(Map.of("status", "refunded")));
    assertEquals(Map.of("deleted", (int) refunded), deleted.structuredContent());
    assertEquals(
        0,
        TestDatabase.count(
            dataSource, "SELECT COUNT(*) FROM demo_order WHERE status = 'refunded'"));
  }

  @Test
  void emailChargeAndConfigAreRecorded() {
    var email =
        success(
            new SendEmailTool(new OutboxRepository(dataSource), Clock.systemUTC())
                .invoke(
                    Map.of(
                        "to", List.of("a@example.com", "b@example.com"),
                        "subject", "s",
                        "body", "b")));
    assertEquals(2, email.structuredContent().get("recipients"));

    var charge =
        success(
            new ChargeCardTool(new LedgerRepository(dataSource), Clock.systemUTC())
                .invoke(Map.of("card_token", "tok_pg_1234", "amount", 9.99, "currency", "USD")));
    assertEquals(new BigDecimal("9.99"), charge.structuredContent().get("amount"));

    UpdateConfigTool config =
        new UpdateConfigTool(new ConfigRepository(dataSource), Clock.systemUTC());
    String key = "pg.test." + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    var created = success(config.invoke(Map.of("environment", "dev", "key", key, "value", "1")));
    var updated = success(config.invoke(Map.of("environment", "dev", "key", key, "value", "2")));
    assertEquals(true, created.structuredContent().get("created"));
    assertEquals("1", updated.structuredContent().get("previous_value"));
  }
}
