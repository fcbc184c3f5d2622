package io.countersign.audit.log;

import io.countersign.audit.AuditEvent;
import io.countersign.audit.AuditLog;
import io.countersign.audit.AuditReceipt;
import io.countersign.audit.AuditStoreException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The tenant's signed log as the {@link AuditLog} of the server: each event becomes the next leaf,
 * written with plain JDBC on the caller's transaction ({@code MANDATORY}: the container enlists the
 * connection, so the leaf commits with the state change it records, or not at all).
 */
@ApplicationScoped
public class JdbcAuditLog implements AuditLog {

  @Resource(lookup = "jdbc/countersign")
  DataSource dataSource;

  @Inject AuditLogs logs;

  @Override
  @Transactional(Transactional.TxType.MANDATORY)
  public AuditReceipt append(AuditEvent event) {
    try (var connection = dataSource.getConnection()) {
      return append(connection, event);
    } catch (SQLException e) {
      throw new AuditStoreException(
          "audit entry for " + event.tenantId() + " not written: " + e.getMessage(), e);
    }
  }

  /** Appends on a connection the caller's transaction already holds. */
  AuditReceipt append(Connection connection, AuditEvent event) throws SQLException {
    Optional<LogAppender.Claim> claim = LogAppender.claim(connection, event.tenantId());
    if (claim.isEmpty()) {
      try {
        logs.create(event.tenantId());
      } catch (RuntimeException raced) {
        // another node created it first; the claim below finds its row
      }
      claim = LogAppender.claim(connection, event.tenantId());
    }
    if (claim.isEmpty()) {
      throw new AuditStoreException(
          "audit log " + event.tenantId() + " could not be created", null);
    }
    return LogAppender.write(connection, claim.get(), event);
  }
}
