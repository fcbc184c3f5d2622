package io.countersign.audit.log;

import io.countersign.audit.AuditStoreException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The logs that exist: one per tenant, created on its first append, and the platform log that
 * records every tenant checkpoint. A log's origin (the first line of its checkpoints) is fixed when
 * the log is created: {@code <countersign.audit.origin-prefix>/audit/<tenant>}.
 */
@ApplicationScoped
public class AuditLogs {

  /** The log of the platform itself; no tenant id can take this form. */
  public static final String PLATFORM = "_platform";

  @Resource(lookup = "jdbc/countersign")
  DataSource dataSource;

  @Inject
  @ConfigProperty(name = "countersign.audit.origin-prefix", defaultValue = "countersign")
  String originPrefix;

  /** The origin a log of {@code tenantId} gets when it is created. */
  public String originFor(String tenantId) {
    return PLATFORM.equals(tenantId)
        ? originPrefix + "/audit-platform"
        : originPrefix + "/audit/" + tenantId;
  }

  /**
   * Creates the log of {@code tenantId} unless it exists, in a transaction of its own so that the
   * caller's append can lock the new row at once. Two nodes may race here: the loser's insert
   * fails, its transaction rolls back, and its caller finds the winner's row.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void create(String tenantId) {
    try (var connection = dataSource.getConnection();
        var insert =
            connection.prepareStatement(
                "INSERT INTO audit_log (tenant_id, origin, next_index, created_at)"
                    + " SELECT ?, ?, 0, ? WHERE NOT EXISTS"
                    + " (SELECT 1 FROM audit_log WHERE tenant_id = ?)")) {
      insert.setString(1, tenantId);
      insert.setString(2, originFor(tenantId));
      insert.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
      insert.setString(4, tenantId);
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new AuditStoreException("audit log " + tenantId + " not created: " + e.getMessage(), e);
    }
  }

  /** The state of every log, for the checkpointer. */
  @Transactional
  public List<LogState> states() {
    String sql =
        "SELECT l.tenant_id, l.origin, l.next_index, c.tree_size, c.signed_at FROM audit_log l"
            + " LEFT JOIN audit_checkpoint c ON c.tenant_id = l.tenant_id AND c.tree_size ="
            + " (SELECT MAX(tree_size) FROM audit_checkpoint m WHERE m.tenant_id = l.tenant_id)";
    try (var connection = dataSource.getConnection();
        var select = connection.prepareStatement(sql);
        var rows = select.executeQuery()) {
      List<LogState> states = new ArrayList<>();
      while (rows.next()) {
        long checkpointed = rows.getLong(4);
        boolean never = rows.wasNull();
        OffsetDateTime signedAt = rows.getObject(5, OffsetDateTime.class);
        states.add(
            new LogState(
                rows.getString(1),
                rows.getString(2),
                rows.getLong(3),
                never ? -1 : checkpointed,
                never ? null : signedAt.toInstant()));
      }
      return states;
    } catch (SQLException e) {
      throw new AuditStoreException("reading the audit logs: " + e.getMessage(), e);
    }
  }
}
