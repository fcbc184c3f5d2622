package io.countersign.ciba.device;

import io.countersign.tenant.secret.SecretBox;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
 * Enrolled devices in {@code approver_device}. Every query names the tenant, so a device of another
 * tenant is never found. Push tokens are sealed at rest and only ever opened to send a push.
 */
@ApplicationScoped
public class ApproverDevices implements PushTokens {

  private static final String COLUMNS =
      "d.id, d.tenant_id, d.member_id, m.email, d.label, d.credential_id, d.public_key_cose,"
          + " d.push_token_sealed, d.created_at, d.last_used_at, d.revoked_at, d.revoked_by";
  private static final String FROM = " FROM approver_device d JOIN member m ON m.id = d.member_id";

  @Resource(lookup = "jdbc/countersign")
  DataSource dataSource;

  @Inject SecretBox secrets;

  /** A passkey to enrol, as verified at registration. */
  public record Enrolment(
      UUID id,
      String tenantId,
      String memberId,
      String label,
      String credentialId,
      String publicKeyCose,
      String credentialRecord,
      long signCount,
      Optional<String> pushToken,
      Instant at) {}

  /** A device with what verifying its next assertion needs. */
  public record Credential(Device device, String credentialRecord, long signCount) {}

  @Transactional(Transactional.TxType.MANDATORY)
  public Device enrol(Enrolment e) {
    update(
        "INSERT INTO approver_device (id, tenant_id, member_id, label, credential_id,"
            + " public_key_cose, credential_record, sign_count, push_token_sealed, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        e.id().toString(),
        e.tenantId(),
        e.memberId(),
        e.label(),
        e.credentialId(),
        e.publicKeyCose(),
        e.credentialRecord(),
        e.signCount(),
        e.pushToken().map(secrets::seal).orElse(null),
        utc(e.at()));
    return find(e.tenantId(), e.id()).orElseThrow();
  }

  /** The tenant's devices (active and revoked), newest first; one member's when given. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Device> list(String tenantId, Optional<String> memberId) {
    String sql =
        "SELECT "
            + COLUMNS
            + FROM
            + " WHERE d.tenant_id = ?"
            + (memberId.isPresent() ? " AND d.member_id = ?" : "")
            + " ORDER BY d.created_at DESC";
    return memberId.isPresent() ? query(sql, tenantId, memberId.get()) : query(sql, tenantId);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<Device> find(String tenantId, UUID id) {
    return query(
            "SELECT " + COLUMNS + FROM + " WHERE d.tenant_id = ? AND d.id = ?",
            tenantId,
            id.toString())
        .stream()
        .findFirst();
  }

  /** The active device holding {@code credentialId}, locked until the transaction ends. */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<Credential> credential(String tenantId, String credentialId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT "
                    + COLUMNS
                    + ", d.credential_record, d.sign_count"
                    + FROM
                    + " WHERE d.tenant_id = ? AND d.credential_id = ? AND d.revoked_at IS NULL"
                    + " FOR UPDATE")) {
      select.setString(1, tenantId);
      select.setString(2, credentialId);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Credential(
                device(rs), rs.getString("credential_record"), rs.getLong("sign_count")));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("approver_device: " + e.getMessage(), e);
    }
  }

  /** Records a successful assertion: its signature counter and the time. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void used(String tenantId, UUID id, long signCount, Instant at) {
    update(
        "UPDATE approver_device SET sign_count = ?, last_used_at = ? WHERE tenant_id = ? AND id = ?",
        signCount,
        utc(at),
        tenantId,
        id.toString());
  }

  /** Sets or replaces the device's push token. */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean registerPushToken(String tenantId, UUID id, String token) {
    return update(
            "UPDATE approver_device SET push_token_sealed = ? WHERE tenant_id = ? AND id = ?"
                + " AND revoked_at IS NULL",
            secrets.seal(token),
            tenantId,
            id.toString())
        == 1;
  }

  /**
   * Revokes an active device and ends its sessions; false when there is no such active device in
   * the tenant.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean revoke(String tenantId, UUID id, String by, Instant at) {
    int changed =
        update(
            "UPDATE approver_device SET revoked_at = ?, revoked_by = ?, push_token_sealed = NULL"
                + " WHERE tenant_id = ? AND id = ? AND revoked_at IS NULL",
            utc(at),
            by,
            tenantId,
            id.toString());
    update(
        "DELETE FROM approver_session WHERE tenant_id = ? AND device_id = ?",
        tenantId,
        id.toString());
    return changed == 1;
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<PushToken> of(String tenantId, String email) {
    List<PushToken> tokens = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT d.id, d.push_token_sealed"
                    + FROM
                    + " WHERE d.tenant_id = ? AND m.email = ? AND d.revoked_at IS NULL"
                    + " AND d.push_token_sealed IS NOT NULL ORDER BY d.created_at")) {
      select.setString(1, tenantId);
      select.setString(2, email);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          tokens.add(
              new PushToken(UUID.fromString(rs.getString(1)), secrets.open(rs.getString(2))));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("approver_device: " + e.getMessage(), e);
    }
    return tokens;
  }

  @Override
  @Transactional(Transactional.TxType.REQUIRED)
  public void forget(String tenantId, UUID deviceId) {
    update(
        "UPDATE approver_device SET push_token_sealed = NULL WHERE tenant_id = ? AND id = ?",
        tenantId,
        deviceId.toString());
  }

  private List<Device> query(String sql, Object... parameters) {
    List<Device> devices = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement select = c.prepareStatement(sql)) {
      bind(select, parameters);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          devices.add(device(rs));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("approver_device: " + e.getMessage(), e);
    }
    return devices;
  }

  private int update(String sql, Object... parameters) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement statement = c.prepareStatement(sql)) {
      bind(statement, parameters);
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("approver_device: " + e.getMessage(), e);
    }
  }

  private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
  }

  private static Device device(ResultSet rs) throws SQLException {
    return new Device(
        UUID.fromString(rs.getString("id")),
        rs.getString("tenant_id"),
        rs.getString("member_id"),
        rs.getString("email"),
        rs.getString("label"),
        rs.getString("credential_id"),
        rs.getString("public_key_cose"),
        rs.getString("push_token_sealed") != null,
        instant(rs, "created_at").orElseThrow(),
        instant(rs, "last_used_at"),
        instant(rs, "revoked_at"),
        Optional.ofNullable(rs.getString("revoked_by")));
  }

  private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
    return Optional.ofNullable(rs.getObject(column, OffsetDateTime.class))
        .map(OffsetDateTime::toInstant);
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }
}
