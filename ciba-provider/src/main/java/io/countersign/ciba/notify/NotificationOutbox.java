package io.countersign.ciba.notify;

import io.countersign.ciba.store.ApprovalStore;
import io.countersign.ciba.store.ApprovalStoreException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Notices waiting to be sent, in {@code approver_notification}: written in the transaction of the
 * event that causes them (never lost, never sent for an event that rolled back), claimed by {@link
 * NotificationWorker} with {@code FOR UPDATE SKIP LOCKED}, so several nodes share the work.
 */
@ApplicationScoped
public class NotificationOutbox {

  /** Where a row stands. */
  public enum State {
    PENDING,
    SENT,
    SKIPPED,
    FAILED;

    String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @Resource(lookup = "jdbc/countersign")
  DataSource dataSource;

  /** One notice to one recipient (or, for the webhook, to the tenant's webhook). */
  public record Due(
      UUID id, Channel channel, Optional<String> recipient, ApproverNotice notice, int attempts) {}

  /** Queues {@code notice} on {@code channel}; due at once, useless after the request expires. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void enqueue(
      UUID approvalId,
      Channel channel,
      Optional<String> recipient,
      ApproverNotice notice,
      Instant now) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO approver_notification (id, tenant_id, approval_id, kind, channel,"
                    + " recipient, notice, state, attempts, next_attempt_at, not_after,"
                    + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)")) {
      insert.setString(1, UUID.randomUUID().toString());
      insert.setString(2, notice.tenant());
      insert.setString(3, approvalId.toString());
      insert.setString(4, notice.kind().word());
      insert.setString(5, channel.word());
      insert.setString(6, recipient.orElse(null));
      insert.setString(7, notice.toJson());
      insert.setString(8, State.PENDING.word());
      insert.setObject(9, ApprovalStore.utc(now));
      insert.setObject(10, ApprovalStore.utc(notice.expiresAt()));
      insert.setObject(11, ApprovalStore.utc(now));
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new ApprovalStoreException("queueing a notification for " + approvalId, e);
    }
  }

  /** Due notices, locked and skipped by other nodes until the caller's transaction ends. */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<Due> claimDue(Instant now, int limit) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT id, channel, recipient, notice, attempts FROM approver_notification"
                    + " WHERE next_attempt_at <= ? ORDER BY next_attempt_at FETCH FIRST "
                    + limit
                    + " ROWS ONLY FOR UPDATE SKIP LOCKED")) {
      select.setObject(1, ApprovalStore.utc(now));
      List<Due> due = new ArrayList<>();
      try (ResultSet r = select.executeQuery()) {
        while (r.next()) {
          due.add(
              new Due(
                  UUID.fromString(r.getString(1)),
                  Channel.of(r.getString(2)),
                  Optional.ofNullable(r.getString(3)),
                  ApproverNotice.parse(r.getString(4)),
                  r.getInt(5)));
        }
      }
      return due;
    } catch (SQLException e) {
      throw new ApprovalStoreException("claiming due notifications", e);
    }
  }

  /** Whether the notice's request still waits for votes (pending and not expired). */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean stillPending(ApproverNotice notice, Instant now) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT state, expires_at FROM approval_request WHERE tenant_id = ? AND id = ?")) {
      select.setString(1, notice.tenant());
      select.setString(2, notice.requestId().toString());
      try (ResultSet r = select.executeQuery()) {
        return r.next()
            && "PENDING".equals(r.getString(1))
            && now.isBefore(r.getObject(2, OffsetDateTime.class).toInstant());
      }
    } catch (SQLException e) {
      throw new ApprovalStoreException("reading the state of " + notice.requestId(), e);
    }
  }

  /**
   * Records one attempt: the new state, when to try again (pending only) and why it was not sent.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void attempted(
      UUID id, State state, Optional<Instant> next, Optional<String> reason, Instant now) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement update =
            c.prepareStatement(
                "UPDATE approver_notification SET state = ?, attempts = attempts + 1,"
                    + " next_attempt_at = ?, last_error = ?, sent_at = ? WHERE id = ?")) {
      update.setString(1, state.word());
      update.setObject(2, next.map(ApprovalStore::utc).orElse(null));
      update.setString(3, reason.map(e -> e.length() > 500 ? e.substring(0, 500) : e).orElse(null));
      update.setObject(4, state == State.SENT ? ApprovalStore.utc(now) : null);
      update.setString(5, id.toString());
      update.executeUpdate();
    } catch (SQLException e) {
      throw new ApprovalStoreException("recording a notification attempt", e);
    }
  }
}
