package io.countersign.ciba.device;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * WebAuthn challenges in {@code webauthn_challenge}: each handed out for one purpose (and, when
 * known, one member), used at most once, and only for {@link #LIFETIME}. Using one deletes it in
 * the caller's transaction, so two uses of the same challenge cannot both succeed.
 */
@ApplicationScoped
public class WebAuthnChallenges {

  /** How long a challenge may be used: long enough to read, touch the sensor and send. */
  public static final Duration LIFETIME = Duration.ofMinutes(5);

  private static final SecureRandom RANDOM = new SecureRandom();

  @Resource(lookup = "jdbc/countersign")
  DataSource dataSource;

  /** A challenge that was handed out, as it was issued. */
  public record Issued(Optional<String> memberId, Optional<String> statement) {}

  /** A fresh random challenge (base64url of 32 bytes). */
  public static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Hands out {@code challenge} for {@code purpose}; clears expired ones on the way. */
  @Transactional(Transactional.TxType.REQUIRED)
  public String issue(
      String tenantId,
      String challenge,
      ChallengePurpose purpose,
      Optional<String> memberId,
      Optional<String> statement,
      Instant now) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement purge =
            c.prepareStatement("DELETE FROM webauthn_challenge WHERE expires_at < ?");
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO webauthn_challenge (challenge, tenant_id, purpose, member_id,"
                    + " statement, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
      purge.setObject(1, utc(now));
      purge.executeUpdate();
      insert.setString(1, challenge);
      insert.setString(2, tenantId);
      insert.setString(3, purpose.column());
      insert.setString(4, memberId.orElse(null));
      insert.setString(5, statement.orElse(null));
      insert.setObject(6, utc(now.plus(LIFETIME)));
      insert.executeUpdate();
      return challenge;
    } catch (SQLException e) {
      throw new IllegalStateException("webauthn_challenge: " + e.getMessage(), e);
    }
  }

  /**
   * Uses {@code challenge}: present when it was handed out in this tenant for this purpose and has
   * not expired. It is gone afterwards either way.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<Issued> use(
      String tenantId, String challenge, ChallengePurpose purpose, Instant now) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT tenant_id, purpose, member_id, statement, expires_at"
                    + " FROM webauthn_challenge WHERE challenge = ? FOR UPDATE");
        PreparedStatement delete =
            c.prepareStatement("DELETE FROM webauthn_challenge WHERE challenge = ?")) {
      select.setString(1, challenge);
      Optional<Issued> issued = Optional.empty();
      try (ResultSet rs = select.executeQuery()) {
        if (rs.next()
            && tenantId.equals(rs.getString(1))
            && purpose.column().equals(rs.getString(2))
            && now.isBefore(rs.getObject(5, OffsetDateTime.class).toInstant())) {
          issued =
              Optional.of(
                  new Issued(
                      Optional.ofNullable(rs.getString(3)), Optional.ofNullable(rs.getString(4))));
        }
      }
      delete.setString(1, challenge);
      delete.executeUpdate();
      return issued;
    } catch (SQLException e) {
      throw new IllegalStateException("webauthn_challenge: " + e.getMessage(), e);
    }
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }
}
