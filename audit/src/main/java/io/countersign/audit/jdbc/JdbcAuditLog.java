package io.countersign.audit.jdbc;

import io.countersign.audit.AuditEvent;
import io.countersign.audit.AuditLog;
import io.countersign.audit.AuditReceipt;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Appends entries to {@code audit_entry} with one JDBC insert on the caller's transaction ({@code
 * MANDATORY}: the container enlists the connection, so the entry commits with the state change it
 * records, or not at all). Plain JDBC keeps the append off the ORM's unit of work, which the hot
 * path of every tool call cannot afford; rows are never read back or updated here.
 */
@ApplicationScoped
public class JdbcAuditLog implements AuditLog {

  private static final String INSERT =
      "INSERT INTO audit_entry (tenant_id, occurred_at, event_type, call_id, agent_id,"
          + " agent_name, session_id, upstream_name, tool_name, arguments_digest, decision,"
          + " rule_name, reason, outcome, decision_micros, upstream_millis)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private static final int MAX_REASON = 1000;

  @Resource(lookup = "jdbc/countersign")
  DataSource dataSource;

  @Override
  @Transactional(Transactional.TxType.MANDATORY)
  public AuditReceipt append(AuditEvent event) {
    try (var connection = dataSource.getConnection();
        var insert = connection.prepareStatement(INSERT, new String[] {"id"})) {
      bind(insert, event);
      insert.executeUpdate();
      try (var keys = insert.getGeneratedKeys()) {
        if (!keys.next()) {
          throw new IllegalStateException("the database returned no id for the audit entry");
        }
        return new AuditReceipt(keys.getLong(1));
      }
    } catch (SQLException e) {
      throw new AuditWriteException("audit entry not written: " + e.getMessage(), e);
    }
  }

  private static void bind(PreparedStatement insert, AuditEvent event) throws SQLException {
    var actor = event.actor();
    var tool = event.tool();
    insert.setString(1, event.tenantId());
    insert.setObject(2, event.occurredAt().atOffset(ZoneOffset.UTC));
    insert.setString(3, event.eventType());
    insert.setString(4, event.callId());
    text(insert, 5, actor.map(AuditEvent.Actor::agentId));
    text(insert, 6, actor.map(AuditEvent.Actor::agentName));
    text(insert, 7, actor.flatMap(AuditEvent.Actor::sessionId));
    text(insert, 8, tool.map(AuditEvent.ToolRef::upstream));
    text(insert, 9, tool.map(AuditEvent.ToolRef::name));
    text(insert, 10, tool.map(AuditEvent.ToolRef::argumentsDigest));
    text(insert, 11, event.decision());
    text(insert, 12, event.rule());
    text(insert, 13, event.reason().map(JdbcAuditLog::bounded));
    insert.setString(14, event.outcome());
    number(insert, 15, event.decisionMicros());
    number(insert, 16, event.upstreamMillis());
  }

  private static void text(PreparedStatement insert, int index, Optional<String> value)
      throws SQLException {
    if (value.isPresent()) {
      insert.setString(index, value.get());
    } else {
      insert.setNull(index, Types.VARCHAR);
    }
  }

  private static void number(PreparedStatement insert, int index, Optional<Long> value)
      throws SQLException {
    if (value.isPresent()) {
      insert.setLong(index, value.get());
    } else {
      insert.setNull(index, Types.BIGINT);
    }
  }

  private static String bounded(String reason) {
    return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 3) + "...";
  }
}
