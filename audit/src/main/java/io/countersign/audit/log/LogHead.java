package io.countersign.audit.log;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A log's origin and committed size. Every index below {@code size} is committed: the counter and
 * the entry that claimed it commit in one transaction, and the counter's row lock orders them.
 */
record LogHead(String origin, long size) {

  /**
   * The head, locked until the transaction ends: appends wait, and so does any other checkpoint of
   * the same log, which then finds this one's checkpoint at that size.
   */
  static Optional<LogHead> lock(Connection connection, String tenantId) throws SQLException {
    try (var select =
        connection.prepareStatement(
            "SELECT origin, next_index FROM audit_log WHERE tenant_id = ? FOR UPDATE")) {
      select.setString(1, tenantId);
      try (var rows = select.executeQuery()) {
        return rows.next()
            ? Optional.of(new LogHead(rows.getString(1), rows.getLong(2)))
            : Optional.empty();
      }
    }
  }
}
