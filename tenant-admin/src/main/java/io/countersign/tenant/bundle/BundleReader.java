package io.countersign.tenant.bundle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads one bundle's YAML nodes and collects every problem with its path, line and column. */
final class BundleReader {

  private final Map<String, String> variables;
  private final List<String> sourceLines;
  private final List<BundleProblem> problems = new ArrayList<>();

  BundleReader(Map<String, String> variables, String source) {
    this.variables = Map.copyOf(variables);
    this.sourceLines = List.of(source.split("\r?\n|\r", -1));
  }

  List<BundleProblem> problems() {
    return problems;
  }

  /** The source line with this 0-based index, or "" past the end. */
  String sourceLine(int index) {
    return index >= 0 && index < sourceLines.size() ? sourceLines.get(index) : "";
  }

  void problem(String path, Node at, String message) {
    Mark mark = at.getStartMark();
    problem(path, mark.getLine() + 1, mark.getColumn() + 1, message);
  }

  void problem(String path, int line, int column, String message) {
    problems.add(new BundleProblem(path, line, column, message));
  }

  static boolean isNull(Node node) {
    return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
  }

  /** The node as a mapping with only {@code fields} as keys; problems for anything else. */
  Optional<YamlMap> map(Node node, String path, Set<String> fields) {
    if (!(node instanceof MappingNode mapping)) {
      problem(path, node, "must be a mapping (key: value), not " + describe(node));
      return Optional.empty();
    }
    Map<String, NodeTuple> found = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      String field = YamlMap.join(path, keyText(tuple.getKeyNode()));
      if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
        problem(path, tuple.getKeyNode(), "keys must be plain words");
      } else if (!fields.contains(key.getValue())) {
        problem(
            field,
            key,
            "unknown field '"
                + key.getValue()
                + "'; expected one of "
                + String.join(", ", new TreeSet<>(fields)));
      } else if (found.putIfAbsent(key.getValue(), tuple) != null) {
        problem(field, key, "duplicate field '" + key.getValue() + "'");
      }
    }
    return Optional.of(new YamlMap(this, mapping, path, found));
  }

  /** The node's text with placeholders replaced; a problem when it is not a scalar. */
  Optional<String> text(Node node, String path) {
    if (!(node instanceof ScalarNode scalar)) {
      problem(path, node, "must be a single value, not " + describe(node));
      return Optional.empty();
    }
    Placeholders.Substitution substituted = Placeholders.substitute(scalar.getValue(), variables);
    for (String name : substituted.undefined()) {
      problem(path, node, "undefined variable '${" + name + "}'");
    }
    return substituted.undefined().isEmpty() ? Optional.of(substituted.text()) : Optional.empty();
  }

  static String describe(Node node) {
    switch (node.getNodeId()) {
      case mapping:
        return "a mapping";
      case sequence:
        return "a list";
      default:
        return isNull(node) ? "nothing" : "'" + ((ScalarNode) node).getValue() + "'";
    }
  }

  private static String keyText(Node key) {
    return key instanceof ScalarNode scalar ? scalar.getValue() : "?";
  }
}
