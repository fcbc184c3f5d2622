package io.countersign.ciba.store;

import io.countersign.ciba.approval.ApprovalRequest;
import io.countersign.ciba.approval.ApprovalSnapshot;
import io.countersign.ciba.approval.ApprovalState;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Approval requests in {@code approval_request}. Every method joins the caller's transaction
 * ({@link Transactional.TxType#MANDATORY}): a request is loaded with {@code FOR UPDATE}, changed
 * and stored again together with its audit entries, so two votes, or a vote and a redemption, never
 * interleave.
 */
@ApplicationScoped
public class ApprovalStore {

  private static final String COLUMNS =
      "snapshot, auth_req_id_hash, poll_interval_seconds, next_poll_at,"
          + " notification_sealed, scope";

  @Resource(lookup = "jdbc/countersign")
  DataSource dataSource;

  @Transactional(Transactional.TxType.MANDATORY)
  public void insert(StoredApproval row) {
    ApprovalSnapshot s = row.snapshot();
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO approval_request (id, tenant_id, auth_req_id_hash, client_id, state,"
                    + " risk, created_at, expires_at, snapshot, poll_interval_seconds,"
                    + " next_poll_at, notification_sealed, scope, follow_up_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, s.id().toString());
      insert.setString(2, s.details().tenant());
      insert.setString(3, row.authReqIdHash());
      insert.setString(4, s.clientId());
      insert.setString(5, s.state().name());
      insert.setString(6, s.details().risk().wireName());
      insert.setObject(7, utc(s.createdAt()));
      insert.setObject(8, utc(s.expiresAt()));
      insert.setString(9, SnapshotJson.write(s));
      insert.setInt(10, row.pollIntervalSeconds());
      insert.setObject(11, row.nextPollAt().map(ApprovalStore::utc).orElse(null));
      insert.setString(12, row.notificationSealed().orElse(null));
      insert.setString(13, row.scope());
      insert.setObject(14, followUpAt(s));
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new ApprovalStoreException("storing approval request " + s.id(), e);
    }
  }

  /** The request with this {@code auth_req_id} hash in this tenant, locked until commit. */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<StoredApproval> lockByAuthReqId(String tenantId, String authReqIdHash) {
    return one(
        "SELECT "
            + COLUMNS
            + " FROM approval_request WHERE tenant_id = ? AND auth_req_id_hash = ?"
            + " FOR UPDATE",
        tenantId,
        authReqIdHash);
  }

  /** The request with this id in this tenant, locked until commit. */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<StoredApproval> lock(String tenantId, UUID id) {
    return one(
        "SELECT " + COLUMNS + " FROM approval_request WHERE tenant_id = ? AND id = ? FOR UPDATE",
        tenantId,
        id.toString());
  }

  /** The request with this id in this tenant, unlocked (for reading). */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<StoredApproval> find(String tenantId, UUID id) {
    return one(
        "SELECT " + COLUMNS + " FROM approval_request WHERE tenant_id = ? AND id = ?",
        tenantId,
        id.toString());
  }

  /** Stores the changed request (state, snapshot, polling state). */
  @Transactional(Transactional.TxType.MANDATORY)
  public void update(StoredApproval row) {
    ApprovalSnapshot s = row.snapshot();
    try (Connection c = dataSource.getConnection();
        PreparedStatement update =
            c.prepareStatement(
                "UPDATE approval_request SET state = ?, snapshot = ?, poll_interval_seconds = ?,"
                    + " next_poll_at = ?, follow_up_at = ? WHERE tenant_id = ? AND id = ?")) {
      update.setString(1, s.state().name());
      update.setString(2, SnapshotJson.write(s));
      update.setInt(3, row.pollIntervalSeconds());
      update.setObject(4, row.nextPollAt().map(ApprovalStore::utc).orElse(null));
      update.setObject(5, followUpAt(s));
      update.setString(6, s.details().tenant());
      update.setString(7, s.id().toString());
      if (update.executeUpdate() != 1) {
        throw new ApprovalStoreException("approval request " + s.id() + " vanished", null);
      }
    } catch (SQLException e) {
      throw new ApprovalStoreException("updating approval request " + s.id(), e);
    }
  }

  /** The tenant's requests in {@code state}, newest first. */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<StoredApproval> inState(String tenantId, ApprovalState state, int limit) {
    return many(
        "SELECT "
            + COLUMNS
            + " FROM approval_request WHERE tenant_id = ? AND state = ?"
            + " ORDER BY created_at DESC",
        limit,
        tenantId,
        state.name());
  }

  /** The tenant's requests (any state) created at or after {@code since}, newest first. */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<StoredApproval> recent(String tenantId, Instant since, int limit) {
    return many(
        "SELECT "
            + COLUMNS
            + " FROM approval_request WHERE tenant_id = ? AND created_at >= ?"
            + " ORDER BY created_at DESC",
        limit,
        tenantId,
        utc(since));
  }

  /**
   * Undecided or unredeemed requests past their expiry, any tenant, locked and skipped by other
   * nodes ({@code FOR UPDATE SKIP LOCKED}) so that each is expired once.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<StoredApproval> claimExpired(Instant now, int limit) {
    return claimDue("state IN ('PENDING', 'APPROVED')", "expires_at", now, limit);
  }

  /**
   * Pending requests with a reminder or escalation step due, any tenant, locked and skipped by
   * other nodes ({@code FOR UPDATE SKIP LOCKED}) so that each is taken once.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<StoredApproval> claimFollowUps(Instant now, int limit) {
    return claimDue("state = 'PENDING'", "follow_up_at", now, limit);
  }

  /** Up to {@code limit} rows in {@code states} whose {@code dueColumn} is at or before now. */
  private List<StoredApproval> claimDue(String states, String dueColumn, Instant now, int limit) {
    return many(
        "SELECT "
            + COLUMNS
            + " FROM approval_request WHERE "
            + states
            + " AND "
            + dueColumn
            + " <= ? ORDER BY "
            + dueColumn
            + " FETCH FIRST "
            + limit
            + " ROWS ONLY FOR UPDATE SKIP LOCKED",
        limit,
        utc(now));
  }

  /** When the request's next reminder or escalation step is due, as stored; null when none is. */
  private static OffsetDateTime followUpAt(ApprovalSnapshot snapshot) {
    return ApprovalRequest.restore(snapshot).followUpDue().map(ApprovalStore::utc).orElse(null);
  }

  private Optional<StoredApproval> one(String sql, Object... parameters) {
    List<StoredApproval> rows = many(sql, 1, parameters);
    return rows.stream().findFirst();
  }

  private List<StoredApproval> many(String sql, int limit, Object... parameters) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        select.setObject(i + 1, parameters[i]);
      }
      select.setMaxRows(limit);
      List<StoredApproval> rows = new ArrayList<>();
      try (ResultSet r = select.executeQuery()) {
        while (r.next()) {
          rows.add(row(r));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new ApprovalStoreException("reading approval requests", e);
    }
  }

  private static StoredApproval row(ResultSet r) throws SQLException {
    OffsetDateTime next = r.getObject(4, OffsetDateTime.class);
    return new StoredApproval(
        SnapshotJson.read(r.getString(1)),
        r.getString(2),
        r.getInt(3),
        Optional.ofNullable(next).map(OffsetDateTime::toInstant),
        Optional.ofNullable(r.getString(5)),
        r.getString(6));
  }

  /** A time as both databases store it: TIMESTAMP WITH TIME ZONE, in UTC. */
  public static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
