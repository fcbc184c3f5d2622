package io.countersign.ciba.provider;

import io.countersign.ciba.delivery.Notification;
import io.countersign.ciba.store.ApprovalStore;
import io.countersign.ciba.store.ApprovalStoreException;
import io.countersign.tenant.secret.SecretBox;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Ping and push callbacks waiting to be delivered, in {@code ciba_delivery}. A callback is written
 * in the transaction of the decision that causes it, so it is never lost and never sent for a
 * decision that rolled back; {@link DeliveryWorker} sends due ones. Bodies (push bodies carry
 * tokens) and the client's notification token are sealed at rest.
 */
@ApplicationScoped
public class DeliveryOutbox {

  @Resource(lookup = "jdbc/countersign")
  DataSource dataSource;

  @Inject Event<CallbackQueued> queued;

  @Inject SecretBox box;

  /** A callback claimed for sending, with its attempts so far. */
  public record Due(UUID id, Notification notification, int attempts, Instant notAfter) {}

  @Transactional(Transactional.TxType.MANDATORY)
  public void enqueue(
      String tenantId, UUID approvalId, Notification notification, Instant now, Instant notAfter) {
    JsonObject sealed =
        Json.createObjectBuilder()
            .add("token", notification.clientNotificationToken())
            .add("body", notification.jsonBody())
            .build();
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO ciba_delivery (id, tenant_id, approval_id, kind, endpoint,"
                    + " body_sealed, attempts, next_attempt_at, not_after, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)")) {
      insert.setString(1, UUID.randomUUID().toString());
      insert.setString(2, tenantId);
      insert.setString(3, approvalId.toString());
      insert.setString(4, notification.kind().name());
      insert.setString(5, notification.endpoint().toString());
      insert.setString(6, box.seal(sealed.toString()));
      insert.setObject(7, ApprovalStore.utc(now));
      insert.setObject(8, ApprovalStore.utc(notAfter));
      insert.setObject(9, ApprovalStore.utc(now));
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new ApprovalStoreException("queueing a callback for " + approvalId, e);
    }
    queued.fire(new CallbackQueued(tenantId, approvalId));
  }

  /** Due callbacks, locked and skipped by other nodes until the caller's transaction ends. */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<Due> claimDue(Instant now, int limit) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT id, kind, endpoint, body_sealed, attempts, not_after FROM ciba_delivery"
                    + " WHERE next_attempt_at <= ? ORDER BY next_attempt_at FETCH FIRST "
                    + limit
                    + " ROWS ONLY FOR UPDATE SKIP LOCKED")) {
      select.setObject(1, ApprovalStore.utc(now));
      List<Due> due = new ArrayList<>();
      try (ResultSet r = select.executeQuery()) {
        while (r.next()) {
          JsonObject opened;
          try (var reader = Json.createReader(new StringReader(box.open(r.getString(4))))) {
            opened = reader.readObject();
          }
          Notification notification =
              new Notification(
                  URI.create(r.getString(3)),
                  opened.getString("token"),
                  opened.getString("body"),
                  Notification.Kind.valueOf(r.getString(2)));
          due.add(
              new Due(
                  UUID.fromString(r.getString(1)),
                  notification,
                  r.getInt(5),
                  r.getObject(6, OffsetDateTime.class).toInstant()));
        }
      }
      return due;
    } catch (SQLException e) {
      throw new ApprovalStoreException("claiming due callbacks", e);
    }
  }

  /** Records one attempt: delivered, to retry at {@code next}, or given up (both empty). */
  @Transactional(Transactional.TxType.MANDATORY)
  public void attempted(
      UUID id, Optional<Instant> deliveredAt, Optional<Instant> next, Optional<String> error) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement update =
            c.prepareStatement(
                "UPDATE ciba_delivery SET attempts = attempts + 1, delivered_at = ?,"
                    + " next_attempt_at = ?, last_error = ? WHERE id = ?")) {
      update.setObject(1, deliveredAt.map(ApprovalStore::utc).orElse(null));
      update.setObject(2, next.map(ApprovalStore::utc).orElse(null));
      update.setString(3, error.map(e -> e.length() > 500 ? e.substring(0, 500) : e).orElse(null));
      update.setString(4, id.toString());
      update.executeUpdate();
    } catch (SQLException e) {
      throw new ApprovalStoreException("recording a callback attempt", e);
    }
  }
}
