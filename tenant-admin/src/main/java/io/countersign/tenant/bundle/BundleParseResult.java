package io.countersign.tenant.bundle;

import java.util.List;

/** The outcome of reading a bundle: a valid bundle, or every problem found in it. */
public sealed interface BundleParseResult {

  /** The bundle is valid and may be imported. */
  record Valid(TenantBundle bundle) implements BundleParseResult {}

  /** The bundle must not be imported; {@code problems} lists all of them, in document order. */
  record Invalid(List<BundleProblem> problems) implements BundleParseResult {
    public Invalid {
      problems = List.copyOf(problems);
      if (problems.isEmpty()) {
        throw new IllegalArgumentException("an invalid bundle has at least one problem");
      }
    }
  }
}
