package io.countersign.ciba.quorum;

import java.util.Objects;
import java.util.Set;

/**
 * An approver and the groups of a rule they belonged to when they voted (or, for someone who may
 * still vote, belong to now).
 *
 * @param id the member's identifier, compared exactly (callers normalise it)
 * @param groups approver group names; groups the rule does not name are ignored
 */
public record Approver(String id, Set<String> groups) {

  public Approver {
    Objects.requireNonNull(id, "id");
    groups = Set.copyOf(groups);
  }

  /** An approver in the given groups. */
  public static Approver of(String id, String... groups) {
    return new Approver(id, Set.of(groups));
  }
}
