package io.countersign.tenant.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.countersign.tenant.summary.TemplatePart.Filter;
import io.countersign.tenant.summary.TemplatePart.Literal;
import io.countersign.tenant.summary.TemplatePart.Placeholder;
import io.countersign.tenant.summary.TemplatePart.Root;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SummaryTemplateTest {

  @Test
  void checkWhenPlaceholdersThenLiteralsAndPlaceholdersInOrder() {
    SummaryTemplate template =
        valid("Delete {args.status} orders created before {args.created_before}");

    assertEquals(
        List.of(
            new Literal("Delete "),
            args("status"),
            new Literal(" orders created before "),
            args("created_before")),
        template.parts());
  }

  @Test
  void checkWhenNestedPathIndexAndCountThenPlaceholderHasThem() {
    SummaryTemplate template = valid("{args.order.lines.0.sku} of {args.to|count}");

    assertEquals(
        List.of(
            new Placeholder(Root.ARGS, List.of("order", "lines", "0", "sku"), Optional.empty()),
            new Literal(" of "),
            new Placeholder(Root.ARGS, List.of("to"), Optional.of(Filter.COUNT))),
        template.parts());
  }

  @Test
  void checkWhenAgentToolUpstreamThenRootsWithoutPath() {
    SummaryTemplate template = valid("{agent} runs {tool} on { upstream }");

    assertEquals(
        List.of(
            new Placeholder(Root.AGENT, List.of(), Optional.empty()),
            new Literal(" runs "),
            new Placeholder(Root.TOOL, List.of(), Optional.empty()),
            new Literal(" on "),
            new Placeholder(Root.UPSTREAM, List.of(), Optional.empty())),
        template.parts());
  }

  @Test
  void checkWhenDoubledBracesThenLiteralBraces() {
    SummaryTemplate template = valid("Set {{x}} to {args.x} }}{{");

    assertEquals(
        List.of(new Literal("Set {x} to "), args("x"), new Literal(" }{")), template.parts());
  }

  @Test
  void checkWhenEmptyOrBlankThenProblem() {
    assertEquals(
        List.of(new TemplateProblem(1, "a summary template must not be empty")), problems(""));
    assertEquals(
        List.of(new TemplateProblem(1, "a summary template must not be empty")), problems("   "));
  }

  @Test
  void checkWhenOver500CharactersThenProblem() {
    assertEquals(
        List.of(new TemplateProblem(1, "is 501 characters long; at most 500 allowed")),
        problems("x".repeat(501)));
    valid("x".repeat(500));
  }

  @Test
  void checkWhenUnknownRootThenProblemNamingTheKnownOnes() {
    assertEquals(
        List.of(
            new TemplateProblem(
                7,
                "unknown placeholder root 'argz' in {argz.to} at column 7; expected args, agent,"
                    + " tool or upstream")),
        problems("Write {argz.to}"));
  }

  @Test
  void checkWhenUnclosedBraceThenProblemAtIt() {
    assertEquals(
        List.of(
            new TemplateProblem(
                7,
                "'{' at column 7 opens a placeholder that is not closed; write {{ for a literal"
                    + " '{'")),
        problems("Write {args.to"));
  }

  @Test
  void checkWhenBraceOpensInsideAPlaceholderThenProblemAtItAndReadingGoesOn() {
    assertEquals(
        List.of(
            new TemplateProblem(
                1,
                "'{' at column 1 opens a placeholder that is not closed; write {{ for a literal"
                    + " '{'"),
            new TemplateProblem(
                7,
                "unknown placeholder root 'to' in {to} at column 7; expected args, agent, tool or"
                    + " upstream")),
        problems("{args.{to}"));
  }

  @Test
  void checkWhenStrayClosingBraceThenProblemAtIt() {
    assertEquals(
        List.of(
            new TemplateProblem(
                4, "'}' at column 4 closes no placeholder; write }} for a literal '}'")),
        problems("a b} c"));
  }

  @Test
  void checkWhenEmptyPlaceholderThenProblem() {
    assertEquals(
        List.of(new TemplateProblem(3, "empty placeholder at column 3; e.g. {args.amount}")),
        problems("x {} y"));
  }

  @Test
  void checkWhenArgsWithoutNameThenProblem() {
    assertEquals(
        List.of(
            new TemplateProblem(
                1, "{args} at column 1 needs an argument name, e.g. {args.amount}")),
        problems("{args}"));
  }

  @Test
  void checkWhenAgentWithPathThenProblem() {
    assertEquals(
        List.of(
            new TemplateProblem(
                1, "{agent.name} at column 1: agent has no members; write {agent}")),
        problems("{agent.name}"));
  }

  @Test
  void checkWhenPathSegmentEmptyOrOddThenProblem() {
    assertEquals(
        List.of(
            new TemplateProblem(
                1,
                "{args.a..b} at column 1: '' is not an argument name or index (1-100 of letters,"
                    + " digits, '_', '-')")),
        problems("{args.a..b}"));
    assertEquals(1, problems("{args.a b}").size());
  }

  @Test
  void checkWhenUnknownOrDoubleFilterThenProblem() {
    assertEquals(
        List.of(
            new TemplateProblem(
                1, "unknown filter 'upper' in {args.to|upper} at column 1; known: count")),
        problems("{args.to|upper}"));
    assertEquals(
        List.of(
            new TemplateProblem(1, "{args.to|count|count} at column 1 has more than one filter")),
        problems("{args.to|count|count}"));
  }

  @Test
  void checkWhenControlCharacterThenProblem() {
    assertEquals(
        List.of(
            new TemplateProblem(
                6, "control character U+000A at column 6: a summary is one line of text")),
        problems("line1\nline2"));
  }

  @Test
  void checkWhenSeveralProblemsThenEachInOrder() {
    List<TemplateProblem> problems = problems("} {nope} {args.x|nah} {");

    assertEquals(List.of(1, 3, 10, 23), problems.stream().map(TemplateProblem::column).toList());
  }

  @Test
  void ofWhenInvalidThenIllegalArgumentAndEqualityByText() {
    assertThrows(IllegalArgumentException.class, () -> SummaryTemplate.of("{nope}"));
    assertEquals(SummaryTemplate.of("Hi {agent}"), SummaryTemplate.of("Hi {agent}"));
  }

  private static Placeholder args(String name) {
    return new Placeholder(Root.ARGS, List.of(name), Optional.empty());
  }

  private static SummaryTemplate valid(String text) {
    return assertInstanceOf(TemplateCheck.Valid.class, SummaryTemplate.check(text)).template();
  }

  private static List<TemplateProblem> problems(String text) {
    return assertInstanceOf(TemplateCheck.Invalid.class, SummaryTemplate.check(text)).problems();
  }
}
