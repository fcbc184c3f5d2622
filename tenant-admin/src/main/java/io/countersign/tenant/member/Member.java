package io.countersign.tenant.member;

import io.countersign.tenant.MemberRole;
import java.util.Set;

/** A member of a tenant as the approval and audit screens see them. */
public record Member(
    String tenantId, String memberId, String email, String displayName, Set<MemberRole> roles) {

  public Member {
    roles = Set.copyOf(roles);
  }

  public boolean has(MemberRole role) {
    return roles.contains(role);
  }
}
