package io.countersign.ciba.details;

import java.util.List;

/**
 * The outcome of validating untrusted JSON: the value it describes, or every problem found.
 *
 * @param <T> the value's type
 */
public sealed interface Validation<T> {

  /** The JSON is valid and describes {@code value}. */
  record Valid<T>(T value) implements Validation<T> {}

  /** The JSON is invalid; {@code problems} is never empty. */
  record Invalid<T>(List<JsonProblem> problems) implements Validation<T> {
    public Invalid {
      problems = List.copyOf(problems);
      if (problems.isEmpty()) {
        throw new IllegalArgumentException("an invalid result names at least one problem");
      }
    }
  }
}
