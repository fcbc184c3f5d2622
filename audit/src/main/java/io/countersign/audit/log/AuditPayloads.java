package io.countersign.audit.log;

import io.countersign.audit.AuditStoreException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The payloads beside the log. Reading one gives its salt too, so that anyone holding it can check
 * the leaf's commitment; erasing one (a data subject's request) keeps the row and the leaf, so the
 * tree and every proof stay valid.
 */
@ApplicationScoped
public class AuditPayloads {

  @Resource(lookup = "jdbc/countersign")
  DataSource dataSource;

  /** A payload as stored: erased ones have neither salt nor payload. */
  public record StoredPayload(
      long index,
      String kind,
      Optional<byte[]> salt,
      Optional<String> json,
      Optional<Instant> erasedAt) {}

  @Transactional
  public Optional<StoredPayload> read(String tenantId, long index) {
    try (var connection = dataSource.getConnection();
        var select =
            connection.prepareStatement(
                "SELECT kind, salt, payload, erased_at FROM audit_payload"
                    + " WHERE tenant_id = ? AND leaf_index = ?")) {
      select.setString(1, tenantId);
      select.setLong(2, index);
      try (var rows = select.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        byte[] payload = rows.getBytes(3);
        OffsetDateTime erased = rows.getObject(4, OffsetDateTime.class);
        return Optional.of(
            new StoredPayload(
                index,
                rows.getString(1),
                Optional.ofNullable(rows.getBytes(2)),
                Optional.ofNullable(payload).map(p -> new String(p, StandardCharsets.UTF_8)),
                Optional.ofNullable(erased).map(OffsetDateTime::toInstant)));
      }
    } catch (SQLException e) {
      throw new AuditStoreException("reading payload " + index + " of " + tenantId, e);
    }
  }

  /** Erases a payload; false when there is none (or it was erased already). */
  @Transactional
  public boolean erase(String tenantId, long index, Instant now) {
    try (var connection = dataSource.getConnection();
        var update =
            connection.prepareStatement(
                "UPDATE audit_payload SET payload = NULL, salt = NULL, erased_at = ?"
                    + " WHERE tenant_id = ? AND leaf_index = ? AND erased_at IS NULL")) {
      update.setObject(1, now.atOffset(ZoneOffset.UTC));
      update.setString(2, tenantId);
      update.setLong(3, index);
      return update.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new AuditStoreException("erasing payload " + index + " of " + tenantId, e);
    }
  }
}
