package io.countersign.audit.log;

import io.countersign.verifier.note.Checkpoint;
import io.countersign.verifier.note.SignedNote;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The signed checkpoints of a log, as published. */
final class CheckpointStore {

  private CheckpointStore() {}

  static Optional<SignedNote> latest(Connection connection, String tenantId) throws SQLException {
    try (var select =
        connection.prepareStatement(
            "SELECT note FROM audit_checkpoint WHERE tenant_id = ? ORDER BY tree_size DESC")) {
      select.setString(1, tenantId);
      select.setMaxRows(1);
      try (var rows = select.executeQuery()) {
        return rows.next() ? Optional.of(SignedNote.parse(rows.getString(1))) : Optional.empty();
      }
    }
  }

  /** Checkpoints of sizes {@code [from, to]}, oldest first. */
  static List<SignedNote> between(Connection connection, String tenantId, long from, long to)
      throws SQLException {
    try (var select =
        connection.prepareStatement(
            "SELECT note FROM audit_checkpoint WHERE tenant_id = ? AND tree_size >= ?"
                + " AND tree_size <= ? ORDER BY tree_size")) {
      select.setString(1, tenantId);
      select.setLong(2, from);
      select.setLong(3, to);
      List<SignedNote> notes = new ArrayList<>();
      try (var rows = select.executeQuery()) {
        while (rows.next()) {
          notes.add(SignedNote.parse(rows.getString(1)));
        }
      }
      return notes;
    }
  }

  static void insert(
      Connection connection, String tenantId, Checkpoint checkpoint, SignedNote note, Instant now)
      throws SQLException {
    try (var insert =
        connection.prepareStatement(
            "INSERT INTO audit_checkpoint (tenant_id, tree_size, root_hash, note, signed_at)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      insert.setString(1, tenantId);
      insert.setLong(2, checkpoint.size());
      insert.setBytes(3, checkpoint.rootHash());
      insert.setString(4, note.format());
      insert.setObject(5, now.atOffset(ZoneOffset.UTC));
      insert.executeUpdate();
    }
  }
}
