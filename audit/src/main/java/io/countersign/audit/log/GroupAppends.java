package io.countersign.audit.log;

import io.countersign.audit.AuditEvent;
import io.countersign.audit.AuditReceipt;
import io.countersign.audit.AuditStoreException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/** The transaction of one group of entries that {@link LogQueue} commits on their own. */
@ApplicationScoped
public class GroupAppends {

  @Resource(lookup = "jdbc/countersign")
  DataSource dataSource;

  @Inject JdbcAuditLog auditLog;

  /** Appends {@code events} of one log and commits them, in a transaction of their own. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public List<AuditReceipt> append(String tenantId, List<AuditEvent> events) {
    try (var connection = dataSource.getConnection()) {
      return auditLog.append(connection, tenantId, events);
    } catch (SQLException e) {
      throw new AuditStoreException(
          events.size() + " audit entries for " + tenantId + " not written: " + e.getMessage(), e);
    }
  }
}
