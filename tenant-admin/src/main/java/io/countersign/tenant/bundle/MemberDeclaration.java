package io.countersign.tenant.bundle;

import io.countersign.tenant.MemberRole;
import java.util.Set;

/** A person of the tenant; {@code email} is lower case and identifies the member. */
public record MemberDeclaration(String email, String displayName, Set<MemberRole> roles) {

  public MemberDeclaration {
    roles = Set.copyOf(roles);
  }
}
