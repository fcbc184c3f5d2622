package io.countersign.web.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the schema is migrated and the database answers. */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

  @Inject SchemaMigration schema;

  @Resource(lookup = "jdbc/countersign")
  DataSource dataSource;

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("database").withData("migrated", schema.migrated());
    try (var connection = dataSource.getConnection()) {
      boolean valid = connection.isValid(2);
      return response.status(valid && schema.migrated()).build();
    } catch (SQLException e) {
      return response.withData("error", e.getClass().getSimpleName()).down().build();
    }
  }
}
