package io.countersign.tenant.summary;

import java.util.List;

/** The outcome of checking a summary template. */
public sealed interface TemplateCheck {

  record Valid(SummaryTemplate template) implements TemplateCheck {}

  /** At least one problem, in the order of the text. */
  record Invalid(List<TemplateProblem> problems) implements TemplateCheck {
    public Invalid {
      problems = List.copyOf(problems);
      if (problems.isEmpty()) {
        throw new IllegalArgumentException("an invalid template has a problem");
      }
    }
  }
}
