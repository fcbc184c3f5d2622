package io.countersign.audit.log;

import io.countersign.audit.AuditEvent;
import io.countersign.audit.AuditReceipt;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Appends leaves on a connection that is in the caller's transaction. Incrementing the log's {@code
 * next_index} locks its row until that transaction ends, which makes indices gapless and unique (a
 * rolled-back append gives its indices back) while other tenants' logs stay free. A group of leaves
 * claims its indices with one increment and is inserted in one batch.
 */
final class LogAppender {

  /**
   * Increments the counter and reads it back in one round trip: PostgreSQL's {@code RETURNING},
   * H2's data change delta table (the SQL standard's).
   */
  private static final String CLAIM_POSTGRES =
      "UPDATE audit_log SET next_index = next_index + ? WHERE tenant_id = ?"
          + " RETURNING next_index, origin";

  private static final String CLAIM_STANDARD =
      "SELECT next_index, origin FROM FINAL TABLE"
          + " (UPDATE audit_log SET next_index = next_index + ? WHERE tenant_id = ?)";

  private static final String INSERT_ENTRY =
      "INSERT INTO audit_log_entry (tenant_id, leaf_index, leaf_hash, leaf, occurred_at,"
          + " event_type, correlation_id, actor_type, actor_name, session_id, upstream_name,"
          + " tool_name, decision, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String INSERT_PAYLOAD =
      "INSERT INTO audit_payload (tenant_id, leaf_index, kind, salt, payload)"
          + " VALUES (?, ?, ?, ?, ?)";

  private LogAppender() {}

  /** The first of the claimed indices and the log's origin. */
  record Claim(long index, String origin) {}

  /** Claims one index, or empty when the log does not exist yet. */
  static Optional<Claim> claim(Connection connection, String tenantId) throws SQLException {
    return claim(connection, tenantId, 1);
  }

  /** Claims {@code count} consecutive indices, or empty when the log does not exist yet. */
  static Optional<Claim> claim(Connection connection, String tenantId, int count)
      throws SQLException {
    String sql =
        "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())
            ? CLAIM_POSTGRES
            : CLAIM_STANDARD;
    try (var claim = connection.prepareStatement(sql)) {
      claim.setInt(1, count);
      claim.setString(2, tenantId);
      try (var rows = claim.executeQuery()) {
        return rows.next()
            ? Optional.of(new Claim(rows.getLong(1) - count, rows.getString(2)))
            : Optional.empty();
      }
    }
  }

  static AuditReceipt write(Connection connection, Claim claim, AuditEvent event)
      throws SQLException {
    return write(connection, claim, List.of(event)).get(0);
  }

  /** Writes {@code events} at the claimed index and the ones after it, in their order. */
  static List<AuditReceipt> write(Connection connection, Claim claim, List<AuditEvent> events)
      throws SQLException {
    List<AuditReceipt> receipts = new ArrayList<>(events.size());
    boolean payloads = false;
    try (var insert = connection.prepareStatement(INSERT_ENTRY);
        var insertPayload = connection.prepareStatement(INSERT_PAYLOAD)) {
      for (int i = 0; i < events.size(); i++) {
        AuditEvent event = events.get(i);
        long index = claim.index() + i;
        Leaf leaf = Leaf.of(claim.origin(), event);
        bind(insert, index, leaf, event);
        insert.addBatch();
        if (leaf.payload().isPresent()) {
          PayloadCommitment payload = leaf.payload().get();
          insertPayload.setString(1, event.tenantId());
          insertPayload.setLong(2, index);
          insertPayload.setString(3, payload.kind());
          insertPayload.setBytes(4, payload.salt());
          insertPayload.setBytes(5, payload.payload());
          insertPayload.addBatch();
          payloads = true;
        }
        receipts.add(new AuditReceipt(index, leaf.hash()));
      }
      insert.executeBatch();
      if (payloads) {
        insertPayload.executeBatch();
      }
    }
    return receipts;
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
