package io.countersign.ciba.device;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Signed-in sessions of the approver app in {@code approver_session}. The session token and its
 * CSRF token are random 256-bit values handed to the browser once; only their SHA-256 digests are
 * stored, and the CSRF token is compared in constant time. A session signed in with a passkey ends
 * when that device is revoked.
 */
@ApplicationScoped
public class ApproverSessions {

  @Resource(lookup = "jdbc/countersign")
  DataSource dataSource;

  /** A new session: the two tokens for the browser (never stored as such). */
  public record Opened(String token, String csrfToken, Instant expiresAt) {
    @Override
    public String toString() {
      return "Opened[expiresAt=" + expiresAt + "]";
    }
  }

  /** A signed-in session. */
  public record ApproverSession(
      String tenantId,
      String memberId,
      Optional<UUID> deviceId,
      String csrfSha256,
      Instant expiresAt) {

    public ApproverSession {
      Objects.requireNonNull(tenantId, "tenantId");
      Objects.requireNonNull(memberId, "memberId");
      Objects.requireNonNull(csrfSha256, "csrfSha256");
    }

    /** Whether {@code presented} is this session's CSRF token (constant-time). */
    public boolean csrf(String presented) {
      return presented != null
          && MessageDigest.isEqual(
              sha256(presented).getBytes(StandardCharsets.US_ASCII),
              csrfSha256.getBytes(StandardCharsets.US_ASCII));
    }
  }

  @Transactional(Transactional.TxType.REQUIRED)
  public Opened open(
      String tenantId, String memberId, Optional<UUID> deviceId, Duration lifetime, Instant now) {
    String token = WebAuthnChallenges.random();
    String csrf = WebAuthnChallenges.random();
    Instant expires = now.plus(lifetime);
    try (Connection c = dataSource.getConnection();
        PreparedStatement purge =
            c.prepareStatement("DELETE FROM approver_session WHERE expires_at < ?");
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO approver_session (token_sha256, tenant_id, member_id, device_id,"
                    + " csrf_sha256, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      purge.setObject(1, utc(now));
      purge.executeUpdate();
      insert.setString(1, sha256(token));
      insert.setString(2, tenantId);
      insert.setString(3, memberId);
      insert.setString(4, deviceId.map(UUID::toString).orElse(null));
      insert.setString(5, sha256(csrf));
      insert.setObject(6, utc(now));
      insert.setObject(7, utc(expires));
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("approver_session: " + e.getMessage(), e);
    }
    return new Opened(token, csrf, expires);
  }

  /** The session whose cookie holds {@code token}, in this tenant, not expired. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<ApproverSession> find(String tenantId, String token, Instant now) {
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT s.member_id, s.device_id, s.csrf_sha256, s.expires_at"
                    + " FROM approver_session s LEFT JOIN approver_device d ON d.id = s.device_id"
                    + " WHERE s.token_sha256 = ? AND s.tenant_id = ? AND s.expires_at > ?"
                    + " AND d.revoked_at IS NULL")) {
      select.setString(1, sha256(token));
      select.setString(2, tenantId);
      select.setObject(3, utc(now));
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new ApproverSession(
                tenantId,
                rs.getString(1),
                Optional.ofNullable(rs.getString(2)).map(UUID::fromString),
                rs.getString(3),
                rs.getObject(4, OffsetDateTime.class).toInstant()));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("approver_session: " + e.getMessage(), e);
    }
  }

  /** Ends the session (signing out). */
  @Transactional(Transactional.TxType.REQUIRED)
  public void close(String tenantId, String token) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement delete =
            c.prepareStatement(
                "DELETE FROM approver_session WHERE token_sha256 = ? AND tenant_id = ?")) {
      delete.setString(1, sha256(token));
      delete.setString(2, tenantId);
      delete.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("approver_session: " + e.getMessage(), e);
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }
}
