package io.countersign.audit.log;

import io.countersign.audit.AuditEvent;
import io.countersign.audit.AuditStoreException;
import io.countersign.verifier.merkle.MerkleTree;
import io.countersign.verifier.note.Checkpoint;
import io.countersign.verifier.note.SignedNote;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Signs a log's checkpoint (C2SP signed note: origin, size, root) over the entries committed so
 * far, stores it, and appends it to the platform log in the same transaction, so that a tenant's
 * history cannot be forked without the platform log showing it. Safe on several nodes at once: two
 * checkpoints of one size are the same checkpoint, and the second insert simply fails.
 */
@ApplicationScoped
public class Checkpointer {

  /** Event type of a platform log entry recording a tenant checkpoint. */
  public static final String TENANT_CHECKPOINT = "log.checkpoint";

  /** Event type of a platform log entry re-recording an unchanged tenant checkpoint (daily). */
  public static final String HEARTBEAT = "log.heartbeat";

  @Resource(lookup = "jdbc/countersign")
  DataSource dataSource;

  @Inject SigningKeys keys;
  @Inject JdbcAuditLog auditLog;

  private final Clock clock = Clock.systemUTC();

  /**
   * Signs a checkpoint of {@code tenantId}'s log at its current size. When the latest checkpoint
   * already has that size it stands; a {@code heartbeat} then records it in the platform log again,
   * so that even an idle tenant's head is witnessed daily. Empty when there is no such log.
   */
  @Transactional
  public Optional<SignedNote> checkpoint(String tenantId, boolean heartbeat) {
    try (var connection = dataSource.getConnection()) {
      // two checkpoints of one log at once (the timer and an operator's request) would both sign
      // and insert the same size: the second would fail on the key
      Optional<LogHead> head = LogHead.lock(connection, tenantId);
      if (head.isEmpty()) {
        return Optional.empty();
      }
      String origin = head.get().origin();
      long size = head.get().size();
      Instant now = clock.instant();
      Optional<SignedNote> latest = CheckpointStore.latest(connection, tenantId);
      if (latest.isPresent() && Checkpoint.parse(latest.get().text()).size() == size) {
        if (heartbeat) {
          witness(connection, tenantId, Checkpoint.parse(latest.get().text()), HEARTBEAT, now);
        }
        return latest;
      }
      writeTiles(connection, tenantId, size);
      byte[] root = new TreeMath(new JdbcHashSource(connection, tenantId)).root(0, size);
      Checkpoint checkpoint = new Checkpoint(origin, size, root);
      SignedNote note = checkpoint.sign(keys.signers(connection, tenantId, origin, now));
      CheckpointStore.insert(connection, tenantId, checkpoint, note, now);
      witness(connection, tenantId, checkpoint, TENANT_CHECKPOINT, now);
      return Optional.of(note);
    } catch (SQLException e) {
      throw new AuditStoreException("checkpoint of " + tenantId + " failed: " + e.getMessage(), e);
    }
  }

  /** Records a tenant checkpoint in the platform log (the platform log's own are not). */
  private void witness(
      Connection connection, String tenantId, Checkpoint checkpoint, String type, Instant now)
      throws SQLException {
    if (!AuditLogs.PLATFORM.equals(tenantId)) {
      auditLog.append(connection, platformEntry(checkpoint, type, now));
    }
  }

  /** Hashes every complete tile of 256 leaves below {@code size} that has no hash yet. */
  static void writeTiles(Connection connection, String tenantId, long size) throws SQLException {
    JdbcHashSource hashes = new JdbcHashSource(connection, tenantId);
    long tiles = size / JdbcHashSource.TILE;
    for (long tile = tilesWritten(connection, tenantId); tile < tiles; tile++) {
      long start = tile * JdbcHashSource.TILE;
      byte[] hash = MerkleTree.of(hashes.leafHashes(start, start + JdbcHashSource.TILE)).root();
      try (var insert =
          connection.prepareStatement(
              "INSERT INTO audit_log_tile (tenant_id, tile_index, tile_hash) VALUES (?, ?, ?)")) {
        insert.setString(1, tenantId);
        insert.setLong(2, tile);
        insert.setBytes(3, hash);
        insert.executeUpdate();
      }
    }
  }

  private static long tilesWritten(Connection connection, String tenantId) throws SQLException {
    try (var select =
        connection.prepareStatement("SELECT COUNT(*) FROM audit_log_tile WHERE tenant_id = ?")) {
      select.setString(1, tenantId);
      try (var rows = select.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  /**
   * The platform log's entry for a tenant checkpoint: its reason is the checkpoint's note text with
   * spaces for newlines ({@code <origin> <size> <base64 root>}).
   */
  private static AuditEvent platformEntry(Checkpoint checkpoint, String type, Instant now) {
    return new AuditEvent(
        AuditLogs.PLATFORM,
        now,
        type,
        checkpoint.origin() + "/" + checkpoint.size(),
        AuditEvent.Actor.system("checkpointer"),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(checkpoint.toNoteText().replace('\n', ' ').trim()),
        "signed",
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }
}
