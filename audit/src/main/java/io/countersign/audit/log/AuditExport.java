package io.countersign.audit.log;

import io.countersign.audit.AuditStoreException;
import io.countersign.verifier.export.ExportWriter;
import io.countersign.verifier.note.Checkpoint;
import io.countersign.verifier.note.SignedNote;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Streams a log as the offline verifier reads it (docs/audit-verifier.md): a zip of {@code
 * entries.jsonl}, {@code checkpoints.txt} and {@code keys.txt}, up to the latest signed checkpoint.
 * The tree can only be rebuilt from entry 0, so entries outside the wanted time range are elided to
 * their recorded hash. Rows are read with a cursor and written as they come: memory stays flat
 * whatever the log's size.
 */
@ApplicationScoped
public class AuditExport {

  private static final int FETCH = 1000;

  @Resource(lookup = "jdbc/countersign")
  DataSource dataSource;

  @Inject SigningKeys keys;

  /** What was exported: the signed size, and how many entries in full. */
  public record Exported(long treeSize, long inFull) {}

  @Transactional
  public Optional<Exported> write(
      String tenantId, Optional<Instant> from, Optional<Instant> to, OutputStream out) {
    try (var connection = dataSource.getConnection()) {
      Optional<SignedNote> latest = CheckpointStore.latest(connection, tenantId);
      if (latest.isEmpty()) {
        return Optional.empty();
      }
      long size = Checkpoint.parse(latest.get().text()).size();
      long inFull = 0;
      try (ExportWriter export = ExportWriter.zip(out);
          var select =
              connection.prepareStatement(
                  "SELECT leaf_index, leaf_hash, leaf, occurred_at FROM audit_log_entry"
                      + " WHERE tenant_id = ? AND leaf_index < ? ORDER BY leaf_index")) {
        select.setString(1, tenantId);
        select.setLong(2, size);
        select.setFetchSize(FETCH);
        try (var rows = select.executeQuery()) {
          while (rows.next()) {
            Instant time = rows.getObject(4, OffsetDateTime.class).toInstant();
            boolean wanted =
                from.map(f -> !time.isBefore(f)).orElse(true)
                    && to.map(t -> time.isBefore(t)).orElse(true);
            if (wanted) {
              export.appendStored(rows.getLong(1), rows.getBytes(3), rows.getBytes(2));
              inFull++;
            } else {
              export.appendStoredElided(rows.getLong(1), rows.getBytes(2));
            }
          }
        }
        CheckpointStore.between(connection, tenantId, 1, size).forEach(export::checkpoint);
        keys.published(tenantId).forEach(key -> export.publishedKey(key.key()));
      }
      return Optional.of(new Exported(size, inFull));
    } catch (SQLException e) {
      throw new AuditStoreException("exporting the audit log of " + tenantId, e);
    } catch (IOException e) {
      throw new UncheckedIOException("export of " + tenantId + " interrupted", e);
    }
  }
}
