package io.countersign.tenant.member;

import io.countersign.tenant.MemberRole;
import io.countersign.tenant.model.MemberEntity;
import io.countersign.tenant.model.MemberRoleEntity;
import io.countersign.tenant.secret.PasswordHasher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Members' sign-in and lookups. Passwords are not part of bundles: demo mode (or an invitation
 * flow) sets them here; an import never touches them.
 */
@ApplicationScoped
public class MemberAccounts {

  /** Verified against when the email is unknown, so timing does not reveal who is a member. */
  private static final String DUMMY_HASH =
      new PasswordHasher().hash("not a password".toCharArray());

  @PersistenceContext(unitName = "countersign")
  EntityManager em;

  private final PasswordHasher hasher = new PasswordHasher();

  /** Sets a member's password; false when the tenant has no member with that email. */
  @Transactional
  public boolean setPassword(String tenantId, String email, char[] password) {
    Optional<MemberEntity> member = find(tenantId, email);
    member.ifPresent(m -> m.passwordHash(hasher.hash(password)));
    return member.isPresent();
  }

  /** The member when the email and password match; empty otherwise, whatever the reason. */
  public Optional<Member> authenticate(String tenantId, String email, char[] password) {
    Optional<MemberEntity> member = find(tenantId, email);
    String hash = member.flatMap(MemberEntity::passwordHash).orElse(DUMMY_HASH);
    boolean verified = hasher.verify(password, hash);
    return member.filter(m -> verified && m.passwordHash().isPresent()).map(this::member);
  }

  public Optional<Member> member(String tenantId, String email) {
    return find(tenantId, email).map(this::member);
  }

  /** The member with this id in the tenant (a member of another tenant is not found). */
  public Optional<Member> memberById(String tenantId, String memberId) {
    return em.createQuery(
            "SELECT m FROM MemberEntity m WHERE m.tenantId = :tenant AND m.id = :id",
            MemberEntity.class)
        .setParameter("tenant", tenantId)
        .setParameter("id", memberId)
        .getResultStream()
        .findFirst()
        .map(this::member);
  }

  /** The members of an approver group (empty when the group does not exist). */
  public List<Member> approvers(String tenantId, String groupName) {
    return em.createQuery(
            "SELECT m FROM MemberEntity m, ApproverGroupMemberEntity gm, ApproverGroupEntity g"
                + " WHERE g.tenantId = :tenant AND g.name = :group AND gm.groupId = g.id"
                + " AND m.id = gm.memberId ORDER BY m.email",
            MemberEntity.class)
        .setParameter("tenant", tenantId)
        .setParameter("group", groupName)
        .getResultStream()
        .map(this::member)
        .toList();
  }

  private Optional<MemberEntity> find(String tenantId, String email) {
    return em.createQuery(
            "SELECT m FROM MemberEntity m WHERE m.tenantId = :tenant AND m.email = :email",
            MemberEntity.class)
        .setParameter("tenant", tenantId)
        .setParameter("email", email.toLowerCase(Locale.ROOT))
        .getResultStream()
        .findFirst();
  }

  private Member member(MemberEntity row) {
    Set<MemberRole> roles = EnumSet.noneOf(MemberRole.class);
    em.createQuery(
            "SELECT r FROM MemberRoleEntity r WHERE r.memberId = :member", MemberRoleEntity.class)
        .setParameter("member", row.id())
        .getResultStream()
        .forEach(r -> MemberRole.fromWord(r.role()).ifPresent(roles::add));
    return new Member(row.tenantId(), row.id(), row.email(), row.displayName(), roles);
  }
}
