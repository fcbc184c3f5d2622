package io.countersign.demo.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.sql.DataSource;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

class DemoSchemaTest {

  @Test
  void migrateWhenSchemaIsEmptyThenTablesAreCreatedAndSeeded() {
    DataSource dataSource = TestDatabase.emptyH2();

    MigrateResult result = DemoSchema.migrate(dataSource);

    assertEquals(2, result.migrationsExecuted);
    assertEquals(50, TestDatabase.count(dataSource, "SELECT COUNT(*) FROM demo_order"));
    assertEquals(
        6, TestDatabase.count(dataSource, "SELECT COUNT(DISTINCT status) FROM demo_order"));
    assertEquals(
        8, TestDatabase.count(dataSource, "SELECT COUNT(DISTINCT customer) FROM demo_order"));
    assertTrue(TestDatabase.count(dataSource, "SELECT COUNT(*) FROM demo_config") >= 3);
    assertEquals(0, TestDatabase.count(dataSource, "SELECT COUNT(*) FROM demo_outbox"));
    assertEquals(0, TestDatabase.count(dataSource, "SELECT COUNT(*) FROM demo_ledger"));
  }

  /** Countersign's own tables and Flyway history share the schema: V1 must still run. */
  @Test
  void migrateWhenSchemaHoldsCountersignTablesThenDemoTablesAreStillCreated() {
    DataSource dataSource = TestDatabase.emptyH2();
    TestDatabase.execute(
        dataSource, "CREATE TABLE flyway_schema_history (installed_rank INT PRIMARY KEY)");
    TestDatabase.execute(dataSource, "CREATE TABLE tenant (id BIGINT PRIMARY KEY)");

    MigrateResult result = DemoSchema.migrate(dataSource);

    assertEquals(2, result.migrationsExecuted);
    assertEquals(50, TestDatabase.count(dataSource, "SELECT COUNT(*) FROM demo_order"));
    assertEquals(
        1,
        TestDatabase.count(
            dataSource,
            "SELECT COUNT(*) FROM \"demo_flyway_history\" WHERE \"type\" = 'BASELINE'"
                + " AND \"version\" = '0'"));
    assertEquals(
        2,
        TestDatabase.count(
            dataSource,
            "SELECT COUNT(*) FROM \"demo_flyway_history\" WHERE \"type\" = 'SQL'"
                + " AND \"success\""));
  }

  @Test
  void migrateWhenAlreadyMigratedThenNothingRunsAgain() {
    DataSource dataSource = TestDatabase.migratedH2();
    TestDatabase.execute(dataSource, "DELETE FROM demo_order WHERE status = 'pending'");

    MigrateResult result = DemoSchema.migrate(dataSource);

    assertEquals(0, result.migrationsExecuted);
    assertEquals(
        0,
        TestDatabase.count(dataSource, "SELECT COUNT(*) FROM demo_order WHERE status = 'pending'"));
  }
}
