package io.countersign.tenant.bundle;

import java.util.List;
import java.util.Optional;

/** Approvers who decide held calls together; {@code members} are member emails. */
public record ApproverGroupDeclaration(
    String name, Optional<String> description, List<String> members) {

  public ApproverGroupDeclaration {
    members = List.copyOf(members);
  }
}
