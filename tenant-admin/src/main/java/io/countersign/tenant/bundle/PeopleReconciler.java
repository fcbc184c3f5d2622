package io.countersign.tenant.bundle;

import io.countersign.tenant.MemberRole;
import io.countersign.tenant.model.ApproverGroupEntity;
import io.countersign.tenant.model.ApproverGroupMemberEntity;
import io.countersign.tenant.model.MemberEntity;
import io.countersign.tenant.model.MemberRoleEntity;
import jakarta.persistence.EntityManager;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Makes a tenant's members, their roles, approver groups and group memberships match the bundle.
 * Rows are written parents first and removed children first, flushing in between, because the
 * entities name their foreign keys as plain columns and JPA would not order them otherwise.
 */
final class PeopleReconciler {

  static final String MEMBERS = "members";
  static final String GROUPS = "approverGroups";

  private final EntityManager em;
  private final ChangeCounter counter;

  PeopleReconciler(EntityManager em, ChangeCounter counter) {
    this.em = em;
    this.counter = counter;
  }

  void reconcile(TenantBundle bundle) {
    String tenantId = bundle.tenant().id();
    Map<String, MemberEntity> members =
        TenantRows.byName(em, MemberEntity.class, tenantId, MemberEntity::email);
    Map<String, ApproverGroupEntity> groups =
        TenantRows.byName(em, ApproverGroupEntity.class, tenantId, ApproverGroupEntity::name);
    Set<String> changedMembers = new HashSet<>();
    Set<String> changedGroups = new HashSet<>();
    Set<String> createdOrRemoved = new HashSet<>(); // counted as such, not as updated
    Map<String, MemberEntity> absentMembers = new HashMap<>(members);
    Map<String, ApproverGroupEntity> absentGroups = new HashMap<>(groups);

    for (MemberDeclaration declared : bundle.members()) {
      MemberEntity row = absentMembers.remove(declared.email());
      if (row == null) {
        row = new MemberEntity(tenantId, declared.email(), declared.displayName());
        em.persist(row);
        members.put(declared.email(), row);
        createdOrRemoved.add(row.id());
        counter.created(MEMBERS);
      } else if (row.declare(declared.displayName())) {
        changedMembers.add(row.id());
      }
    }
    for (ApproverGroupDeclaration declared : bundle.approverGroups()) {
      ApproverGroupEntity row = absentGroups.remove(declared.name());
      if (row == null) {
        row = new ApproverGroupEntity(tenantId, declared.name());
        row.declare(declared.description());
        em.persist(row);
        groups.put(declared.name(), row);
        createdOrRemoved.add(row.id());
        counter.created(GROUPS);
      } else if (row.declare(declared.description())) {
        changedGroups.add(row.id());
      }
    }
    em.flush(); // parents exist before the rows that refer to them

    reconcileRoles(bundle, members, changedMembers);
    reconcileMemberships(bundle, members, groups, changedGroups);
    em.flush(); // children are gone before their parents go

    for (ApproverGroupEntity group : absentGroups.values()) {
      remove(group, GROUPS);
      createdOrRemoved.add(group.id());
    }
    for (MemberEntity member : absentMembers.values()) {
      remove(member, MEMBERS);
      createdOrRemoved.add(member.id());
    }
    changedMembers.removeAll(createdOrRemoved);
    changedGroups.removeAll(createdOrRemoved);
    changedMembers.forEach(id -> counter.updated(MEMBERS));
    changedGroups.forEach(id -> counter.updated(GROUPS));
  }

  private void reconcileRoles(
      TenantBundle bundle, Map<String, MemberEntity> members, Set<String> changedMembers) {
    Set<MemberRoleEntity.Key> wanted = new HashSet<>();
    for (MemberDeclaration declared : bundle.members()) {
      String memberId = members.get(declared.email()).id();
      for (MemberRole role : declared.roles()) {
        wanted.add(new MemberRoleEntity.Key(memberId, role.word()));
      }
    }
    String tenantId = bundle.tenant().id();
    for (MemberRoleEntity row : TenantRows.all(em, MemberRoleEntity.class, tenantId)) {
      if (!wanted.remove(new MemberRoleEntity.Key(row.memberId(), row.role()))) {
        em.remove(row);
        changedMembers.add(row.memberId());
      }
    }
    for (MemberRoleEntity.Key missing : wanted) {
      em.persist(new MemberRoleEntity(tenantId, missing.memberId(), missing.role()));
      changedMembers.add(missing.memberId());
    }
  }

  private void reconcileMemberships(
      TenantBundle bundle,
      Map<String, MemberEntity> members,
      Map<String, ApproverGroupEntity> groups,
      Set<String> changedGroups) {
    Set<ApproverGroupMemberEntity.Key> wanted = new HashSet<>();
    for (ApproverGroupDeclaration declared : bundle.approverGroups()) {
      String groupId = groups.get(declared.name()).id();
      for (String email : declared.members()) {
        wanted.add(new ApproverGroupMemberEntity.Key(groupId, members.get(email).id()));
      }
    }
    String tenantId = bundle.tenant().id();
    for (ApproverGroupMemberEntity row :
        TenantRows.all(em, ApproverGroupMemberEntity.class, tenantId)) {
      if (!wanted.remove(new ApproverGroupMemberEntity.Key(row.groupId(), row.memberId()))) {
        em.remove(row);
        changedGroups.add(row.groupId());
      }
    }
    for (ApproverGroupMemberEntity.Key missing : wanted) {
      em.persist(new ApproverGroupMemberEntity(tenantId, missing.groupId(), missing.memberId()));
      changedGroups.add(missing.groupId());
    }
  }

  private void remove(Object row, String kind) {
    em.remove(row);
    counter.removed(kind);
  }
}
