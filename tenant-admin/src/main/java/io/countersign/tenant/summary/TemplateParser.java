package io.countersign.tenant.summary;

import io.countersign.tenant.summary.TemplatePart.Filter;
import io.countersign.tenant.summary.TemplatePart.Literal;
import io.countersign.tenant.summary.TemplatePart.Placeholder;
import io.countersign.tenant.summary.TemplatePart.Root;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Splits one template into parts, collecting every problem with the column it is at. */
final class TemplateParser {

  /** An argument name or array index in a path: what JSON property names usually look like. */
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]{1,100}");

  private static final String ROOTS = "args, agent, tool or upstream";

  private final String text;
  private final List<TemplatePart> parts = new ArrayList<>();
  private final List<TemplateProblem> problems = new ArrayList<>();
  private final StringBuilder literal = new StringBuilder();

  TemplateParser(String text) {
    this.text = text;
  }

  List<TemplateProblem> problems() {
    return problems;
  }

  List<TemplatePart> parse() {
    if (text.isBlank()) {
      problems.add(new TemplateProblem(1, "a summary template must not be empty"));
      return parts;
    }
    int length = text.codePointCount(0, text.length());
    if (length > SummaryTemplate.MAX_LENGTH) {
      problems.add(
          new TemplateProblem(
              1,
              "is "
                  + length
                  + " characters long; at most "
                  + SummaryTemplate.MAX_LENGTH
                  + " allowed"));
      return parts;
    }
    int i = 0;
    while (i < text.length()) {
      i = step(i);
    }
    flush();
    return parts;
  }

  /** Reads what starts at {@code i}; returns where the next piece starts. */
  private int step(int i) {
    char c = text.charAt(i);
    if ((c == '{' || c == '}') && text.startsWith(c == '{' ? "{{" : "}}", i)) {
      literal.append(c);
      return i + 2;
    }
    if (c == '{') {
      return placeholder(i);
    }
    if (c == '}') {
      problem(i, "'}' at column " + (i + 1) + " closes no placeholder; write }} for a literal '}'");
      return i + 1;
    }
    if (Character.isISOControl(c)) {
      problem(
          i,
          String.format(
              Locale.ROOT,
              "control character U+%04X at column %d: a summary is one line of text",
              (int) c,
              i + 1));
      return i + 1;
    }
    literal.append(c);
    return i + 1;
  }

  private int placeholder(int open) {
    int close = text.indexOf('}', open + 1);
    int nextOpen = text.indexOf('{', open + 1);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
      problem(
          open,
          "'{' at column "
              + (open + 1)
              + " opens a placeholder that is not closed; write {{ for a literal '{'");
      return close < 0 ? text.length() : nextOpen;
    }
    flush();
    read(text.substring(open + 1, close).strip(), open).ifPresent(parts::add);
    return close + 1;
  }

  private Optional<Placeholder> read(String body, int at) {
    String shown = "{" + body + "} at column " + (at + 1);
    if (body.isEmpty()) {
      problem(at, "empty placeholder at column " + (at + 1) + "; e.g. {args.amount}");
      return Optional.empty();
    }
    String[] filtered = body.split("\\|", -1);
    Optional<Filter> filter = Optional.empty();
    if (filtered.length > 2) {
      problem(at, shown + " has more than one filter");
      return Optional.empty();
    }
    if (filtered.length == 2) {
      filter = filter(filtered[1].strip(), shown, at);
      if (filter.isEmpty()) {
        return Optional.empty();
      }
    }
    List<String> segments = Arrays.asList(filtered[0].strip().split("\\.", -1));
    Optional<Root> root =
        Arrays.stream(Root.values()).filter(r -> r.word().equals(segments.get(0))).findFirst();
    if (root.isEmpty()) {
      problem(
          at,
          "unknown placeholder root '" + segments.get(0) + "' in " + shown + "; expected " + ROOTS);
      return Optional.empty();
    }
    List<String> path = segments.subList(1, segments.size());
    if (root.get() == Root.ARGS && path.isEmpty()) {
      problem(at, shown + " needs an argument name, e.g. {args.amount}");
      return Optional.empty();
    }
    if (root.get() != Root.ARGS && !path.isEmpty()) {
      String word = root.get().word();
      problem(at, shown + ": " + word + " has no members; write {" + word + "}");
      return Optional.empty();
    }
    Optional<String> bad = path.stream().filter(s -> !SEGMENT.matcher(s).matches()).findFirst();
    if (bad.isPresent()) {
      problem(
          at,
          shown
              + ": '"
              + bad.get()
              + "' is not an argument name or index (1-100 of letters, digits, '_', '-')");
      return Optional.empty();
    }
    return Optional.of(new Placeholder(root.get(), path, filter));
  }

  private Optional<Filter> filter(String word, String shown, int at) {
    Optional<Filter> filter =
        Arrays.stream(Filter.values()).filter(f -> f.word().equals(word)).findFirst();
    if (filter.isEmpty()) {
      problem(
          at,
          "unknown filter '"
              + word
              + "' in "
              + shown
              + "; known: "
              + Arrays.stream(Filter.values()).map(Filter::word).collect(Collectors.joining(", ")));
    }
    return filter;
  }

  private void flush() {
    if (literal.length() > 0) {
      parts.add(new Literal(literal.toString()));
      literal.setLength(0);
    }
  }

  private void problem(int index, String message) {
    problems.add(new TemplateProblem(index + 1, message));
  }
}
