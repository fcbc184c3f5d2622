package io.countersign.tenant.summary;

import java.util.List;

/**
 * A summary template as a policy writes it for one tool, e.g. {@code Delete {args.status} orders
 * created before {args.created_before}}: text with placeholders ({@code {args.<path>}}, {@code
 * {agent}}, {@code {tool}}, {@code {upstream}}, each optionally {@code |count}); {@code {{} and
 * {@code }}} stand for literal braces. See {@code docs/tenant-bundle.md}, "Summaries".
 */
public final class SummaryTemplate {

  /** Longest template, in characters (code points). */
  public static final int MAX_LENGTH = 500;

  private final String text;
  private final List<TemplatePart> parts;

  private SummaryTemplate(String text, List<TemplatePart> parts) {
    this.text = text;
    this.parts = List.copyOf(parts);
  }

  /** Checks {@code text}: the template, or every problem with it. */
  public static TemplateCheck check(String text) {
    TemplateParser parser = new TemplateParser(text);
    List<TemplatePart> parts = parser.parse();
    return parser.problems().isEmpty()
        ? new TemplateCheck.Valid(new SummaryTemplate(text, parts))
        : new TemplateCheck.Invalid(parser.problems());
  }

  /**
   * The template {@code text} is, e.g. read back from a stored policy.
   *
   * @throws IllegalArgumentException when it has a problem
   */
  public static SummaryTemplate of(String text) {
    TemplateCheck check = check(text);
    if (check instanceof TemplateCheck.Invalid invalid) {
      throw new IllegalArgumentException(
          "invalid summary template: " + invalid.problems().get(0).message());
    }
    return ((TemplateCheck.Valid) check).template();
  }

  /** The template as written. */
  public String text() {
    return text;
  }

  /** Its literal text and placeholders, in order. */
  public List<TemplatePart> parts() {
    return parts;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SummaryTemplate template && template.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return "SummaryTemplate[" + text + "]";
  }
}
