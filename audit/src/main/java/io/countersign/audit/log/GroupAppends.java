package io.countersign.audit.log;

import io.countersign.audit.AuditEvent;
import io.countersign.audit.AuditReceipt;
import io.countersign.audit.AuditStoreException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The transaction of one group of entries that {@link LogQueue} commits on their own: a local
 * transaction on a connection of {@code jdbc/countersign-log}, a data source whose connections
 * never join the container's transactions. Whatever transaction the calling thread is in, the group
 * commits or rolls back by itself. A lone entry on PostgreSQL is one statement in autocommit mode:
 * one round trip, where a transaction takes three.
 */
@ApplicationScoped
public class GroupAppends {

  @Resource(lookup = "jdbc/countersign-log")
  DataSource dataSource;

  @Inject JdbcAuditLog auditLog;

  /** Appends {@code events} of one log and commits them, in a transaction of their own. */
  public List<AuditReceipt> append(String tenantId, List<AuditEvent> events) {
    try (var connection = dataSource.getConnection()) {
      if (events.size() == 1) {
        Optional<AuditReceipt> alone = auditLog.appendAlone(connection, events.get(0));
        if (alone.isPresent()) {
          return List.of(alone.get());
        }
      }
      return inTransaction(connection, tenantId, events);
    } catch (SQLException e) {
      throw new AuditStoreException(
          events.size() + " audit entries for " + tenantId + " not written: " + e.getMessage(), e);
    }
  }

  private List<AuditReceipt> inTransaction(
      Connection connection, String tenantId, List<AuditEvent> events) throws SQLException {
    connection.setAutoCommit(false);
    try {
      List<AuditReceipt> receipts = auditLog.append(connection, tenantId, events);
      connection.commit();
      return receipts;
    } catch (SQLException | RuntimeException e) {
      rollBack(connection, e);
      throw e;
    } finally {
      restoreAutoCommit(connection);
    }
  }

  /** The pool's default again; the group's fate is already known, so a failure here is not it. */
  private static void restoreAutoCommit(Connection connection) {
    try {
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      // the pool discards a connection it cannot reset
    }
  }

  private static void rollBack(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
