package io.countersign.tenant.bundle;

import java.util.LinkedHashMap;
import java.util.Map;

/** Counts what an import does, per kind of item. */
final class ChangeCounter {

  private final Map<String, int[]> counts = new LinkedHashMap<>();

  void created(String kind) {
    count(kind)[0]++;
  }

  void updated(String kind) {
    count(kind)[1]++;
  }

  /** Lists {@code kind} in the report even when nothing of it changes. */
  void touch(String kind) {
    count(kind);
  }

  /** Counts an update when {@code changed} is true. */
  void updatedIf(String kind, boolean changed) {
    touch(kind);
    if (changed) {
      updated(kind);
    }
  }

  void removed(String kind) {
    count(kind)[2]++;
  }

  ImportReport report(String tenantId, int policyVersion, boolean policyChanged) {
    Map<String, ImportReport.Counts> changes = new LinkedHashMap<>();
    int created = 0;
    int updated = 0;
    int removed = 0;
    for (Map.Entry<String, int[]> entry : counts.entrySet()) {
      int[] c = entry.getValue();
      changes.put(entry.getKey(), new ImportReport.Counts(c[0], c[1], c[2]));
      created += c[0];
      updated += c[1];
      removed += c[2];
    }
    boolean unchanged = created == 0 && updated == 0 && removed == 0 && !policyChanged;
    return new ImportReport(
        tenantId, created, updated, removed, policyVersion, policyChanged, unchanged, changes);
  }

  private int[] count(String kind) {
    return counts.computeIfAbsent(kind, k -> new int[3]);
  }
}
