package io.countersign.demo.db;

import io.countersign.demo.DemoSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Migrates the demo tables at start-up, and only in demo mode. Bean-managed transactions: Flyway
 * commits itself and fails inside a container transaction ("Unable to commit transaction").
 *
 * <p>A failed migration is logged and leaves the demo endpoint unregistered; it must never stop the
 * EAR that Countersign itself runs in.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class DemoSchemaMigrator {

  private static final Logger LOG = Logger.getLogger(DemoSchemaMigrator.class.getName());

  @Resource(lookup = "jdbc/countersign")
  private DataSource dataSource;

  private boolean ready;

  @PostConstruct
  void migrate() {
    if (!DemoSettings.fromConfig(ConfigProvider.getConfig()).enabled()) {
      LOG.fine("Demo mode is off: demo tables not migrated");
      return;
    }
    try {
      MigrateResult result = DemoSchema.migrate(dataSource);
      LOG.info(
          () -> "Demo tables migrated (" + result.migrationsExecuted + " migration(s) applied)");
      ready = true;
    } catch (FlywayException e) {
      LOG.log(Level.SEVERE, "Demo table migration failed; the demo upstream stays off", e);
    }
  }

  /** Whether the demo tables are migrated and usable. */
  public boolean ready() {
    return ready;
  }
}
