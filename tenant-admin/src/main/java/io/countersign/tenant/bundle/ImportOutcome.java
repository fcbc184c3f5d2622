package io.countersign.tenant.bundle;

import java.util.List;

/** The outcome of importing a bundle text: imported, or rejected before anything was written. */
public sealed interface ImportOutcome {

  /** The bundle is in force. */
  record Imported(ImportReport report) implements ImportOutcome {}

  /** The bundle was invalid; nothing was written. */
  record Rejected(List<BundleProblem> problems) implements ImportOutcome {
    public Rejected {
      problems = List.copyOf(problems);
    }
  }
}
