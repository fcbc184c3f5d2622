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
 * claims its indices with one increment and is inserted in one batch. On PostgreSQL a lone leaf of
 * a log whose origin is known is claimed and inserted by one statement ({@link #appendAlone}).
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

  /** The entry's columns, its index last: {@link #bindFields} binds the others in this order. */
  private static final String ENTRY_COLUMNS =
      "tenant_id, leaf_hash, leaf, occurred_at, event_type, correlation_id, actor_type, actor_name,"
          + " session_id, upstream_name, tool_name, decision, outcome, leaf_index";

  private static final String ENTRY_FIELDS = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";

  private static final String INSERT_ENTRY =
      "INSERT INTO audit_log_entry (" + ENTRY_COLUMNS + ") VALUES (" + ENTRY_FIELDS + ", ?)";

  private static final String PAYLOAD_COLUMNS = "tenant_id, leaf_index, kind, salt, payload";

  private static final String INSERT_PAYLOAD =
      "INSERT INTO audit_payload (" + PAYLOAD_COLUMNS + ") VALUES (?, ?, ?, ?, ?)";

  /**
   * PostgreSQL: an entry and its payload in one statement (a data-modifying {@code WITH}), so that
   * a group of entries with payloads is one batch, one round trip.
   */
  private static final String INSERT_ENTRY_AND_PAYLOAD_POSTGRES =
      "WITH entry AS (" + INSERT_ENTRY + ") " + INSERT_PAYLOAD;

  /** PostgreSQL: claims one index of the log, as a {@code WITH} query named {@code claim}. */
  private static final String CLAIM_ONE_POSTGRES =
      "claim AS (UPDATE audit_log SET next_index = next_index + 1 WHERE tenant_id = ?"
          + " RETURNING next_index - 1 AS leaf_index)";

  /** Inserts the entry at the index {@link #CLAIM_ONE_POSTGRES} claimed. */
  private static final String INSERT_CLAIMED_ENTRY =
      "INSERT INTO audit_log_entry ("
          + ENTRY_COLUMNS
          + ") SELECT "
          + ENTRY_FIELDS
          + ", claim.leaf_index FROM claim";

  /**
   * PostgreSQL: a lone entry claimed and inserted by one statement; in autocommit mode it is its
   * own transaction, so the entry costs one round trip and one commit. No row comes back when the
   * log does not exist yet.
   */
  private static final String APPEND_ALONE_POSTGRES =
      "WITH " + CLAIM_ONE_POSTGRES + " " + INSERT_CLAIMED_ENTRY + " RETURNING leaf_index";

  /** The same, with the entry's payload. */
  private static final String APPEND_ALONE_WITH_PAYLOAD_POSTGRES =
      "WITH "
          + CLAIM_ONE_POSTGRES
          + ", entry AS ("
          + INSERT_CLAIMED_ENTRY
          + " RETURNING tenant_id, leaf_index) INSERT INTO audit_payload ("
          + PAYLOAD_COLUMNS
          + ") SELECT entry.tenant_id, entry.leaf_index, ?, ?, ? FROM entry RETURNING leaf_index";

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
          insert.setLong(bindFields(insert, 1, leaf, event), index);
          insert.addBatch();
          entries++;
        } else {
          next = bindFields(insertPayload, 1, leaf, event);
          insertPayload.setLong(next++, index);
        }
        if (payload.isPresent()) {
          insertPayload.setString(next, event.tenantId());
          insertPayload.setLong(next + 1, index);
          bindPayload(insertPayload, next + 2, payload.get());
          insertPayload.addBatch();
          withPayloads++;
        }
        receipts.add(new AuditReceipt(index, leaf.hash()));
      }
      // an entry before its payload: on H2 the payload's foreign key names it
      if (entries > 0) {
        insert.executeBatch();
      }
      if (withPayloads > 0) {
        insertPayload.executeBatch();
      }
    }
    return receipts;
  }

  /**
   * Appends a lone entry to the log of {@code origin} on PostgreSQL, in one statement: committed by
   * itself when the connection is in autocommit mode. Empty when the log does not exist yet.
   */
  static Optional<AuditReceipt> appendAlone(Connection connection, String origin, AuditEvent event)
      throws SQLException {
    Leaf leaf = Leaf.of(origin, event);
    Optional<PayloadCommitment> payload = leaf.payload();
    String sql = payload.isPresent() ? APPEND_ALONE_WITH_PAYLOAD_POSTGRES : APPEND_ALONE_POSTGRES;
    try (var append = connection.prepareStatement(sql)) {
      append.setString(1, event.tenantId());
      int next = bindFields(append, 2, leaf, event);
      if (payload.isPresent()) {
        bindPayload(append, next, payload.get());
      }
      try (var rows = append.executeQuery()) {
        return rows.next()
            ? Optional.of(new AuditReceipt(rows.getLong(1), leaf.hash()))
            : Optional.empty();
      }
    }
  }

  /**
   * Binds the entry's fields but its index, in {@link #ENTRY_COLUMNS}' order, from {@code first}
   * on; returns the next parameter's number.
   */
  private static int bindFields(PreparedStatement insert, int first, Leaf leaf, AuditEvent event)
      throws SQLException {
    var actor = event.actor();
    var tool = event.tool();
    int p = first;
    insert.setString(p++, event.tenantId());
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

  /** Binds a payload's kind, salt and bytes from {@code first} on. */
  private static void bindPayload(PreparedStatement insert, int first, PayloadCommitment payload)
      throws SQLException {
    insert.setString(first, payload.kind());
    insert.setBytes(first + 1, payload.salt());
    insert.setBytes(first + 2, payload.payload());
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
