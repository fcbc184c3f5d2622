package io.countersign.ciba.device;

import io.countersign.audit.AuditLog;
import io.countersign.tenant.MemberRole;
import io.countersign.tenant.member.Member;
import io.countersign.tenant.member.MemberAccounts;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Invitations to enrol a first passkey without a password ({@code approver_invitation}): what lets
 * a tenant whose approvers never use passwords ({@code tenant.approvers.passwordSignIn: false})
 * bring a new approver, or one who lost their phone, onto a device. The link's token is a random
 * 256-bit value shown once; only its SHA-256 is stored. An invitation is good for one enrolment,
 * until it expires or is revoked; a new one for the same member revokes the ones still open.
 * Creating, revoking and using one are audited.
 */
@ApplicationScoped
public class ApproverInvitations {

  /** The audit type of a new invitation. */
  public static final String INVITED = "approver.invited";

  /** The audit type of a revoked invitation. */
  public static final String REVOKED = "approver.invitation_revoked";

  /** The shortest and longest an invitation may be valid. */
  public static final Duration MIN_LIFETIME = Duration.ofMinutes(10);

  public static final Duration MAX_LIFETIME = Duration.ofDays(30);

  /** How long one is valid when the inviter does not say. */
  public static final Duration DEFAULT_LIFETIME = Duration.ofDays(3);

  @Resource(lookup = "jdbc/countersign")
  DataSource dataSource;

  @Inject MemberAccounts members;
  @Inject Enrolments enrolments;
  @Inject AuditLog auditLog;

  /** A new invitation; {@code token} goes into the link and is never stored. */
  public record Invitation(UUID id, Member member, String token, Instant expiresAt) {
    @Override
    public String toString() {
      return "Invitation[id="
          + id
          + ", member="
          + member.email()
          + ", expiresAt="
          + expiresAt
          + "]";
    }
  }

  /** An invitation not yet used, revoked or expired, as listed to admins (no token). */
  public record Open(
      UUID id, String email, String createdBy, Instant createdAt, Instant expiresAt) {}

  /** What inviting gave. */
  public sealed interface Invited {}

  public record Created(Invitation invitation) implements Invited {}

  public record NotInvited(String reason) implements Invited {}

  /**
   * Invites the approver {@code email} to enrol a passkey, valid for {@code lifetime}; revokes the
   * member's invitations still open.
   */
  @Transactional
  public Invited invite(
      String tenantId, String email, String invitedBy, Duration lifetime, Instant now) {
    if (lifetime.compareTo(MIN_LIFETIME) < 0 || lifetime.compareTo(MAX_LIFETIME) > 0) {
      return new NotInvited(
          "an invitation is valid for "
              + MIN_LIFETIME
              + " to "
              + MAX_LIFETIME
              + ", not "
              + lifetime);
    }
    Optional<Member> member = members.member(tenantId, email);
    if (member.isEmpty()) {
      return new NotInvited("no member '" + email + "' in tenant '" + tenantId + "'");
    }
    if (!member.get().has(MemberRole.APPROVER)) {
      return new NotInvited(
          "'" + email + "' is not an approver (only approvers enrol devices to decide)");
    }
    String token = WebAuthnChallenges.random();
    Invitation invitation =
        new Invitation(UUID.randomUUID(), member.get(), token, now.plus(lifetime));
    try (Connection c = dataSource.getConnection();
        PreparedStatement supersede =
            c.prepareStatement(
                "UPDATE approver_invitation SET revoked_at = ? WHERE tenant_id = ? AND member_id = ?"
                    + " AND used_at IS NULL AND revoked_at IS NULL");
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO approver_invitation (id, tenant_id, member_id, token_sha256,"
                    + " created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      supersede.setObject(1, utc(now));
      supersede.setString(2, tenantId);
      supersede.setString(3, member.get().memberId());
      supersede.executeUpdate();
      insert.setString(1, invitation.id().toString());
      insert.setString(2, tenantId);
      insert.setString(3, member.get().memberId());
      insert.setString(4, ApproverSessions.sha256(token));
      insert.setString(5, invitedBy);
      insert.setObject(6, utc(now));
      insert.setObject(7, utc(invitation.expiresAt()));
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("approver_invitation: " + e.getMessage(), e);
    }
    auditLog.append(
        ApproverAudit.entry(
            tenantId,
            INVITED,
            invitation.id().toString(),
            invitedBy,
            "invitation "
                + invitation.id()
                + " for "
                + email
                + " to enrol a passkey, by "
                + invitedBy
                + ", valid until "
                + invitation.expiresAt(),
            "invited",
            now));
    return new Created(invitation);
  }

  /** The tenant's invitations still open, newest first. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Open> open(String tenantId, Instant now) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT i.id, m.email, i.created_by, i.created_at, i.expires_at"
                    + " FROM approver_invitation i JOIN member m ON m.id = i.member_id"
                    + " WHERE i.tenant_id = ? AND m.tenant_id = ? AND i.used_at IS NULL"
                    + " AND i.revoked_at IS NULL AND i.expires_at > ?"
                    + " ORDER BY i.created_at DESC")) {
      select.setString(1, tenantId);
      select.setString(2, tenantId);
      select.setObject(3, utc(now));
      List<Open> open = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          open.add(
              new Open(
                  UUID.fromString(rs.getString(1)),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getObject(4, OffsetDateTime.class).toInstant(),
                  rs.getObject(5, OffsetDateTime.class).toInstant()));
        }
      }
      return open;
    } catch (SQLException e) {
      throw new IllegalStateException("approver_invitation: " + e.getMessage(), e);
    }
  }

  /** Revokes an open invitation; false when there is no such open one in the tenant. */
  @Transactional
  public boolean revoke(String tenantId, UUID id, String revokedBy, Instant now) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement update =
            c.prepareStatement(
                "UPDATE approver_invitation SET revoked_at = ? WHERE id = ? AND tenant_id = ?"
                    + " AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?")) {
      update.setObject(1, utc(now));
      update.setString(2, id.toString());
      update.setString(3, tenantId);
      update.setObject(4, utc(now));
      if (update.executeUpdate() == 0) {
        return false;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("approver_invitation: " + e.getMessage(), e);
    }
    auditLog.append(
        ApproverAudit.entry(
            tenantId,
            REVOKED,
            id.toString(),
            revokedBy,
            "invitation " + id + " revoked by " + revokedBy,
            "revoked",
            now));
    return true;
  }

  /**
   * The approver an open invitation with this token is for: empty when the token is unknown in this
   * tenant, used, revoked or expired, or the member is no longer an approver.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<Member> invitee(String tenantId, String token, Instant now) {
    return openInvitation(tenantId, token, now, false).map(OpenRow::member);
  }

  /**
   * Enrols the invited approver's passkey (a registration answering a challenge from {@link
   * Enrolments#start} for them) and uses up the invitation, in one transaction: a refused
   * registration leaves the invitation open, a second use of it is refused.
   */
  @Transactional
  public Enrolments.Enrolled redeem(
      String tenantId,
      String token,
      String label,
      Optional<String> pushToken,
      String challenge,
      String registrationJson,
      RelyingParty rp,
      Instant now) {
    Optional<OpenRow> open = openInvitation(tenantId, token, now, true);
    if (open.isEmpty()) {
      return new Enrolments.Refused(NOT_OPEN);
    }
    Enrolments.Enrolled enrolled =
        enrolments.finish(
            tenantId,
            open.get().member(),
            label,
            pushToken,
            challenge,
            registrationJson,
            rp,
            Optional.of(open.get().id()),
            now);
    if (enrolled instanceof Enrolments.Done done) {
      try (Connection c = dataSource.getConnection();
          PreparedStatement update =
              c.prepareStatement(
                  "UPDATE approver_invitation SET used_at = ?, device_id = ? WHERE id = ?")) {
        update.setObject(1, utc(now));
        update.setString(2, done.device().id().toString());
        update.setString(3, open.get().id().toString());
        update.executeUpdate();
      } catch (SQLException e) {
        throw new IllegalStateException("approver_invitation: " + e.getMessage(), e);
      }
    }
    return enrolled;
  }

  /** Why an invitation link does not work, without telling which of the reasons it is. */
  public static final String NOT_OPEN =
      "this invitation link is unknown, was already used, was revoked or has expired: ask a tenant"
          + " admin for a new one";

  private record OpenRow(UUID id, Member member) {}

  private Optional<OpenRow> openInvitation(
      String tenantId, String token, Instant now, boolean lock) {
    if (token == null || token.isBlank() || token.length() > 100) {
      return Optional.empty();
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT id, member_id FROM approver_invitation WHERE token_sha256 = ?"
                    + " AND tenant_id = ? AND used_at IS NULL AND revoked_at IS NULL"
                    + " AND expires_at > ?"
                    + (lock ? " FOR UPDATE" : ""))) {
      select.setString(1, ApproverSessions.sha256(token));
      select.setString(2, tenantId);
      select.setObject(3, utc(now));
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        UUID id = UUID.fromString(rs.getString(1));
        return members
            .memberById(tenantId, rs.getString(2))
            .filter(m -> m.has(MemberRole.APPROVER))
            .map(m -> new OpenRow(id, m));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("approver_invitation: " + e.getMessage(), e);
    }
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }
}
