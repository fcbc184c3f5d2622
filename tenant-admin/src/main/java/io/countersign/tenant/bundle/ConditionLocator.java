package io.countersign.tenant.bundle;

import io.countersign.tenant.policy.ConditionError;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Maps a position inside a CEL condition onto the YAML text, so a compile error points at the
 * offending character of the bundle. Exact for conditions written on one line (plain or quoted) and
 * for literal blocks ({@code when: |}); otherwise it points at the start of the value.
 */
final class ConditionLocator {

  private ConditionLocator() {}

  /** The 1-based {line, column} in the YAML text. */
  static int[] locate(BundleReader reader, Node node, String condition, ConditionError error) {
    int line = node.getStartMark().getLine();
    int column = node.getStartMark().getColumn();
    int[] start = {line + 1, column + 1};
    if (!(node instanceof ScalarNode scalar) || !scalar.getValue().equals(condition)) {
      return start; // a placeholder changed the text: positions no longer correspond
    }
    String[] conditionLines = condition.split("\n", -1);
    if (error.line() < 1 || error.line() > conditionLines.length) {
      return start;
    }
    String conditionLine = conditionLines[error.line() - 1];
    ScalarStyle style = scalar.getScalarStyle();
    if (conditionLines.length == 1 && style == ScalarStyle.PLAIN) {
      return onLine(reader, line, column, conditionLine, error).orElse(start);
    }
    if (conditionLines.length == 1
        && (style == ScalarStyle.DOUBLE_QUOTED || style == ScalarStyle.SINGLE_QUOTED)) {
      return onLine(reader, line, column + 1, conditionLine, error).orElse(start);
    }
    if (style == ScalarStyle.LITERAL) {
      // the block's text starts on the line after the '|' indicator
      int yamlLine = line + error.line();
      String source = reader.sourceLine(yamlLine);
      int indent = source.indexOf(conditionLine.isEmpty() ? source.trim() : conditionLine);
      if (!conditionLine.isEmpty() && indent >= 0) {
        return new int[] {yamlLine + 1, indent + error.column()};
      }
    }
    return start;
  }

  /** When the source really has the condition's text at {@code column}, the shifted position. */
  private static java.util.Optional<int[]> onLine(
      BundleReader reader, int line, int column, String text, ConditionError error) {
    if (!reader.sourceLine(line).startsWith(text, column)) {
      return java.util.Optional.empty(); // escapes or folding moved characters
    }
    return java.util.Optional.of(new int[] {line + 1, column + error.column()});
  }
}
