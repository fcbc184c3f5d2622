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

  /**
   * PostgreSQL: an entry and its payload in one statement (a data-modifying {@code WITH}), so that
   * a group of entries with payloads is one batch, one round trip.
   */
  private static final String INSERT_ENTRY_AND_PAYLOAD_POSTGRES =
      "WITH entry AS (" + INSERT_ENTRY + ") " + INSERT_PAYLOAD;

  private LogAppender() {}

  /** The SQL a connection's database takes where the standard leaves a choice. */
  enum Dialect {
    POSTGRESQL,
    STANDARD;

    static Dialect of(Connection connection) throws SQLException {
      return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())
          ? POSTGRESQL
          : STANDARD;
    }
  }

  /** The first of the claimed indices, the log's origin, and the database's dialect. */
  record Claim(long index, String origin, Dialect dialect) {}

  /** Claims one index, or empty when the log does not exist yet. */
  static Optional<Claim> claim(Connection connection, String tenantId) throws SQLException {
    return claim(connection, tenantId, 1);
  }

  /** Claims {@code count} consecutive indices, or empty when the log does not exist yet. */
  static Optional<Claim> claim(Connection connection, String tenantId, int count)
      throws SQLException {
    return claim(connection, Dialect.of(connection), tenantId, count);
  }

  /** Claims {@code count} consecutive indices in the connection's {@code dialect}. */
  static Optional<Claim> claim(Connection connection, Dialect dialect, String tenantId, int count)
      throws SQLException {
    String sql = dialect == Dialect.POSTGRESQL ? CLAIM_POSTGRES : CLAIM_STANDARD;
    try (var claim = connection.prepareStatement(sql)) {
      claim.setInt(1, count);
      claim.setString(2, tenantId);
      try (var rows = claim.executeQuery()) {
        return rows.next()
            ? Optional.of(new Claim(rows.getLong(1) - count, rows.getString(2), dialect))
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
    boolean together = claim.dialect() == Dialect.POSTGRESQL;
    int entries = 0;
    int withPayloads = 0;
    try (var insert = connection.prepareStatement(INSERT_ENTRY);
        var insertPayload =
            connection.prepareStatement(
                together ? INSERT_ENTRY_AND_PAYLOAD_POSTGRES : INSERT_PAYLOAD)) {
      for (int i = 0; i < events.size(); i++) {
        AuditEvent event = events.get(i);
        long index = claim.index() + i;
        Leaf leaf = Leaf.of(claim.origin(), event);
        Optional<PayloadCommitment> payload = leaf.payload();
        int next = 1;
        if (!together || payload.isEmpty()) {
          bind(insert, 1, index, leaf, event);
          insert.addBatch();
          entries++;
        } else {
          next = bind(insertPayload, 1, index, leaf, event);
        }
        if (payload.isPresent()) {
          insertPayload.setString(next, event.tenantId());
          insertPayload.setLong(next + 1, index);
          insertPayload.setString(next + 2, payload.get().kind());
          insertPayload.setBytes(next + 3, payload.get().salt());
          insertPayload.setBytes(next + 4, payload.get().payload());
          insertPayload.addBatch();
          withPayloads++;
        }
        receipts.add(new AuditReceipt(index, leaf.hash()));
      }
      // an entry before its payload: the payload's foreign key names it
      if (entries > 0) {
        insert.executeBatch();
      }
      if (withPayloads > 0) {
        insertPayload.executeBatch();
      }
    }
    return receipts;
  }

  /** Binds the entry's 14 parameters from {@code first} on; returns the next parameter's number. */
  private static int bind(
      PreparedStatement insert, int first, long index, Leaf leaf, AuditEvent event)
      throws SQLException {
    var actor = event.actor();
    var tool = event.tool();
    int p = first;
    insert.setString(p++, event.tenantId());
    insert.setLong(p++, index);
    insert.setBytes(p++, leaf.hash());
    insert.setBytes(p++, leaf.bytes());
    insert.setObject(p++, event.occurredAt().atOffset(ZoneOffset.UTC));
    insert.setString(p++, event.eventType());
    insert.setString(p++, event.correlationId());
    insert.setString(p++, actor.type());
    insert.setString(p++, actor.name());
    text(insert, p++, actor.sessionId());
    text(insert, p++, tool.flatMap(AuditEvent.ToolRef::upstreamName));
    text(insert, p++, tool.map(AuditEvent.ToolRef::name));
    text(insert, p++, event.decision());
    insert.setString(p++, event.outcome());
    return p;
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
