package io.countersign.ciba.details;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;

/** Test helpers to take a {@link Validation} apart. */
final class Validations {

  private Validations() {}

  static <T> T valid(Validation<T> validation) {
    if (validation instanceof Validation.Valid<T> valid) {
      return valid.value();
    }
    return fail("expected valid, got " + validation);
  }

  static List<JsonProblem> problems(Validation<?> validation) {
    if (validation instanceof Validation.Invalid<?> invalid) {
      return invalid.problems();
    }
    return fail("expected problems, got " + validation);
  }
}
