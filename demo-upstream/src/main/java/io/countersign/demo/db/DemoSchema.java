package io.countersign.demo.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The demo tables and their Flyway set-up. The schema is shared with Countersign, whose own history
 * table is {@code flyway_schema_history}, so the demo keeps a history table of its own.
 */
public final class DemoSchema {

  /**
   * Where the migrations live. On Liberty (Flyway's "WebSphere" scanner) a location resolves only
   * when it holds a file named {@code flyway.location}: the folder keeps an empty one.
   */
  public static final String LOCATION = "classpath:db/demo";

  public static final String HISTORY_TABLE = "demo_flyway_history";

  private DemoSchema() {}

  /**
   * Applies pending migrations. The schema is usually not empty (Countersign's tables are there),
   * so {@code baselineOnMigrate} is on; the baseline is version 0 so that V1 still runs after it.
   */
  public static MigrateResult migrate(DataSource dataSource) {
    return Flyway.configure(DemoSchema.class.getClassLoader())
        .dataSource(dataSource)
        .locations(LOCATION)
        // No db/callback folder: look for callbacks where the migrations are, and fail loudly if
        // the location cannot be scanned instead of "migrating" nothing.
        .callbackLocations(LOCATION)
        .failOnMissingLocations(true)
        .table(HISTORY_TABLE)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .baselineDescription("demo upstream baseline")
        .load()
        .migrate();
  }
}
