package io.countersign.audit.log;

import io.countersign.audit.AuditEvent;
import io.countersign.audit.AuditReceipt;
import io.countersign.audit.AuditStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Appends one leaf on a connection that is in the caller's transaction. Incrementing the log's
 * {@code next_index} locks its row until that transaction ends, which makes indices gapless and
 * unique (a rolled-back append gives its index back) while other tenants' logs stay free.
 */
final class LogAppender {

  private static final String CLAIM =
      "UPDATE audit_log SET next_index = next_index + 1 WHERE tenant_id = ?";
  private static final String CLAIMED =
      "SELECT next_index - 1, origin FROM audit_log WHERE tenant_id = ?";
  private static final String INSERT_ENTRY =
      "INSERT INTO audit_log_entry (tenant_id, leaf_index, leaf_hash, leaf, occurred_at,"
          + " event_type, correlation_id, actor_type, actor_name, session_id, upstream_name,"
          + " tool_name, decision, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String INSERT_PAYLOAD =
      "INSERT INTO audit_payload (tenant_id, leaf_index, kind, salt, payload)"
          + " VALUES (?, ?, ?, ?, ?)";

  private LogAppender() {}

  /** The claimed index and the log's origin, or empty when the log does not exist yet. */
  record Claim(long index, String origin) {}

  static Optional<Claim> claim(Connection connection, String tenantId) throws SQLException {
    try (var claim = connection.prepareStatement(CLAIM)) {
      claim.setString(1, tenantId);
      if (claim.executeUpdate() == 0) {
        return Optional.empty();
      }
    }
    try (var claimed = connection.prepareStatement(CLAIMED)) {
      claimed.setString(1, tenantId);
      try (var rows = claimed.executeQuery()) {
        if (!rows.next()) {
          throw new AuditStoreException("audit log " + tenantId + " vanished", null);
        }
        return Optional.of(new Claim(rows.getLong(1), rows.getString(2)));
      }
    }
  }

  static AuditReceipt write(Connection connection, Claim claim, AuditEvent event)
      throws SQLException {
    Leaf leaf = Leaf.of(claim.origin(), event);
    try (var insert = connection.prepareStatement(INSERT_ENTRY)) {
      bind(insert, claim.index(), leaf, event);
      insert.executeUpdate();
    }
    if (leaf.payload().isPresent()) {
      PayloadCommitment payload = leaf.payload().get();
      try (var insert = connection.prepareStatement(INSERT_PAYLOAD)) {
        insert.setString(1, event.tenantId());
        insert.setLong(2, claim.index());
        insert.setString(3, payload.kind());
        insert.setBytes(4, payload.salt());
        insert.setBytes(5, payload.payload());
        insert.executeUpdate();
      }
    }
    return new AuditReceipt(claim.index(), leaf.hash());
  }

  private static void bind(PreparedStatement insert, long index, Leaf leaf, AuditEvent event)
      throws SQLException {
    var actor = event.actor();
    var tool = event.tool();
    insert.setString(1, event.tenantId());
    insert.setLong(2, index);
    insert.setBytes(3, leaf.hash());
    insert.setBytes(4, leaf.bytes());
    insert.setObject(5, event.occurredAt().atOffset(ZoneOffset.UTC));
    insert.setString(6, event.eventType());
    insert.setString(7, event.correlationId());
    insert.setString(8, actor.type());
    insert.setString(9, actor.name());
    text(insert, 10, actor.sessionId());
    text(insert, 11, tool.flatMap(AuditEvent.ToolRef::upstreamName));
    text(insert, 12, tool.map(AuditEvent.ToolRef::name));
    text(insert, 13, event.decision());
    insert.setString(14, event.outcome());
  }

  private static void text(PreparedStatement insert, int index, Optional<String> value)
      throws SQLException {
    if (value.isPresent()) {
      insert.setString(index, value.get());
    } else {
      insert.setNull(index, Types.VARCHAR);
    }
  }
}
