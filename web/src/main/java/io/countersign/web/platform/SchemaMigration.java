package io.countersign.web.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.sql.SQLException;
import java.util.Locale;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Migrates the schema with Flyway before anything else runs. Bean-managed transactions: Flyway
 * commits its own work and fails inside a container transaction.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigration {

  private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

  @Resource(lookup = "jdbc/countersign")
  DataSource dataSource;

  private volatile boolean migrated;

  @PostConstruct
  void migrate() {
    String vendor = vendor();
    var result =
        Flyway.configure(getClass().getClassLoader())
            .dataSource(dataSource)
            // Liberty's class loader finds a location only through its marker file
            // (db/migration/flyway.location); a location not found must fail, not migrate nothing.
            // db/vendor/<database> holds what only one database can do (PostgreSQL's triggers).
            .locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
            .callbackLocations("classpath:db/migration")
            .failOnMissingLocations(true)
            .load()
            .migrate();
    LOG.info(
        () ->
            "schema at version "
                + result.targetSchemaVersion
                + " ("
                + result.migrationsExecuted
                + " migrations applied)");
    migrated = true;
  }

  /** {@code postgresql} or {@code h2}: the folder of what only that database can do. */
  private String vendor() {
    try (var connection = dataSource.getConnection()) {
      String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
      if (product.contains("postgres")) {
        return "postgresql";
      }
      if (product.contains("h2")) {
        return "h2";
      }
      throw new IllegalStateException("unsupported database: " + product);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reach the database: " + e.getMessage(), e);
    }
  }

  public boolean migrated() {
    return migrated;
  }
}
