package io.countersign.audit.log;

import io.countersign.audit.AuditEvent;
import io.countersign.audit.AuditStoreException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Searches one tenant's log by the indexed copies of the leaf fields, and returns the leaves
 * themselves. Every query starts with the tenant id, so each filter uses a {@code (tenant_id,
 * field, leaf_index)} index and a page costs the same on a million entries as on a thousand.
 */
@ApplicationScoped
public class AuditSearch {

  @Resource(lookup = "jdbc/countersign")
  DataSource dataSource;

  @Transactional
  public List<AuditEntry> search(String tenantId, AuditQuery query) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT leaf_index, leaf_hash, leaf, occurred_at FROM audit_log_entry"
                + " WHERE tenant_id = ?");
    List<Object> values = new ArrayList<>();
    values.add(tenantId);
    query.from().ifPresent(from -> where(sql, values, "occurred_at >= ?", utc(from)));
    query.to().ifPresent(to -> where(sql, values, "occurred_at < ?", utc(to)));
    query.eventType().ifPresent(type -> where(sql, values, "event_type = ?", type));
    query.agent().ifPresent(agent -> actor(sql, values, AuditEvent.Actor.AGENT, agent));
    query.approver().ifPresent(member -> actor(sql, values, AuditEvent.Actor.MEMBER, member));
    query.tool().ifPresent(tool -> where(sql, values, "tool_name = ?", tool));
    query.outcome().ifPresent(outcome -> where(sql, values, "outcome = ?", outcome));
    query.correlationId().ifPresent(id -> where(sql, values, "correlation_id = ?", id));
    query
        .cursor()
        .ifPresent(
            cursor ->
                where(
                    sql,
                    values,
                    query.newestFirst() ? "leaf_index < ?" : "leaf_index > ?",
                    cursor));
    sql.append(" ORDER BY leaf_index").append(query.newestFirst() ? " DESC" : "");
    try (var connection = dataSource.getConnection();
        var select = connection.prepareStatement(sql.toString())) {
      for (int i = 0; i < values.size(); i++) {
        select.setObject(i + 1, values.get(i));
      }
      select.setMaxRows(query.limit());
      List<AuditEntry> entries = new ArrayList<>();
      try (var rows = select.executeQuery()) {
        while (rows.next()) {
          entries.add(
              new AuditEntry(
                  rows.getLong(1),
                  rows.getBytes(2),
                  rows.getBytes(3),
                  rows.getObject(4, OffsetDateTime.class).toInstant()));
        }
      }
      return entries;
    } catch (SQLException e) {
      throw new AuditStoreException("searching the audit log of " + tenantId, e);
    }
  }

  private static void actor(StringBuilder sql, List<Object> values, String type, String name) {
    where(sql, values, "actor_type = ?", type);
    where(sql, values, "actor_name = ?", name);
  }

  private static void where(StringBuilder sql, List<Object> values, String condition, Object v) {
    sql.append(" AND ").append(condition);
    values.add(v);
  }

  private static OffsetDateTime utc(java.time.Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
