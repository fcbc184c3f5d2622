package io.countersign.tenant.bundle;

import java.util.Map;

/**
 * What an import changed. {@code unchanged} is true when the tenant already matched the bundle
 * exactly: no row was written and no policy version added.
 *
 * @param changes per kind of item: {@code tenant}, {@code upstreams}, {@code agents}, {@code
 *     members}, {@code approverGroups}
 * @param policyVersion the policy version in force after the import
 */
public record ImportReport(
    String tenantId,
    int created,
    int updated,
    int removed,
    int policyVersion,
    boolean policyChanged,
    boolean unchanged,
    Map<String, Counts> changes) {

  public ImportReport {
    changes = Map.copyOf(changes);
  }

  /** Items created, updated and removed (for agents: disabled) of one kind. */
  public record Counts(int created, int updated, int removed) {

    public boolean isZero() {
      return created == 0 && updated == 0 && removed == 0;
    }
  }
}
