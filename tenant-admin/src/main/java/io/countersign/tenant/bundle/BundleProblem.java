package io.countersign.tenant.bundle;

/**
 * One thing wrong with a bundle: where ({@code path} such as {@code policy.rules[2].when}, and the
 * 1-based {@code line} and {@code column} in the YAML text) and why.
 */
public record BundleProblem(String path, int line, int column, String message) {

  @Override
  public String toString() {
    return (path.isEmpty() ? "" : path + " ")
        + "(line "
        + line
        + ", column "
        + column
        + "): "
        + message;
  }
}
