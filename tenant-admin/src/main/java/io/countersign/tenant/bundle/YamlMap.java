package io.countersign.tenant.bundle;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** A YAML mapping whose keys were checked, with typed accessors that report problems. */
final class YamlMap {

  private final BundleReader reader;
  private final MappingNode node;
  private final String path;
  private final Map<String, NodeTuple> fields;

  YamlMap(BundleReader reader, MappingNode node, String path, Map<String, NodeTuple> fields) {
    this.reader = reader;
    this.node = node;
    this.path = path;
    this.fields = fields;
  }

  static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  String path() {
    return path;
  }

  String path(String key) {
    return join(path, key);
  }

  MappingNode node() {
    return node;
  }

  BundleReader reader() {
    return reader;
  }

  /** The value node of {@code key}; absent when missing or written as null. */
  Optional<Node> value(String key) {
    return Optional.ofNullable(fields.get(key))
        .map(NodeTuple::getValueNode)
        .filter(value -> !BundleReader.isNull(value));
  }

  boolean has(String key) {
    return value(key).isPresent();
  }

  /** A required value node: a problem at this mapping when it is missing. */
  Optional<Node> required(String key) {
    Optional<Node> value = value(key);
    if (value.isEmpty()) {
      Node at = fields.containsKey(key) ? fields.get(key).getKeyNode() : node;
      reader.problem(path(key), at, "missing required field '" + key + "'");
    }
    return value;
  }

  Optional<Located<String>> requiredText(String key) {
    return required(key).flatMap(value -> located(key, value));
  }

  Optional<Located<String>> optionalText(String key) {
    return value(key).flatMap(value -> located(key, value));
  }

  /** A required text matching {@code shape}; {@code what} explains the shape in the problem. */
  Optional<Located<String>> requiredText(String key, Pattern shape, String what) {
    return requiredText(key).filter(text -> matches(text, shape, what));
  }

  /** An optional text of at most {@code maxLength} characters. */
  Optional<String> optionalText(String key, int maxLength) {
    return optionalText(key).filter(text -> fits(text, maxLength)).map(Located::value);
  }

  boolean matches(Located<String> text, Pattern shape, String what) {
    if (shape.matcher(text.value()).matches()) {
      return true;
    }
    reader.problem(text.path(), text.node(), "'" + text.value() + "' is not " + what);
    return false;
  }

  boolean fits(Located<String> text, int maxLength) {
    if (text.value().length() <= maxLength) {
      return true;
    }
    reader.problem(
        text.path(),
        text.node(),
        "is " + text.value().length() + " characters long; at most " + maxLength + " allowed");
    return false;
  }

  Optional<YamlMap> map(String key, Set<String> allowed) {
    return value(key).flatMap(value -> reader.map(value, path(key), allowed));
  }

  /** The items of a list; a problem when the value is not a list. */
  List<Located<Node>> list(String key) {
    Optional<Node> value = value(key);
    if (value.isEmpty()) {
      return List.of();
    }
    if (!(value.get() instanceof SequenceNode sequence)) {
      reader.problem(
          path(key), value.get(), "must be a list, not " + BundleReader.describe(value.get()));
      return List.of();
    }
    List<Located<Node>> items = new ArrayList<>();
    for (int i = 0; i < sequence.getValue().size(); i++) {
      items.add(
          new Located<>(
              sequence.getValue().get(i), path(key) + "[" + i + "]", sequence.getValue().get(i)));
    }
    return items;
  }

  /** Mapping items of a list, each with only {@code allowed} keys. */
  List<YamlMap> maps(String key, Set<String> allowed) {
    List<YamlMap> maps = new ArrayList<>();
    for (Located<Node> item : list(key)) {
      reader.map(item.value(), item.path(), allowed).ifPresent(maps::add);
    }
    return maps;
  }

  /** Text items of a list. */
  List<Located<String>> texts(String key) {
    List<Located<String>> texts = new ArrayList<>();
    for (Located<Node> item : list(key)) {
      reader
          .text(item.value(), item.path())
          .ifPresent(t -> texts.add(new Located<>(t, item.path(), item.node())));
    }
    return texts;
  }

  Optional<Boolean> bool(String key) {
    return optionalText(key)
        .flatMap(
            text -> {
              if (text.value().equals("true") || text.value().equals("false")) {
                return Optional.of(Boolean.valueOf(text.value()));
              }
              reader.problem(
                  text.path(), text.node(), "must be true or false, not '" + text.value() + "'");
              return Optional.empty();
            });
  }

  Optional<Integer> integer(String key, int min, int max) {
    return optionalText(key)
        .flatMap(
            text -> {
              try {
                int value = Integer.parseInt(text.value());
                if (value >= min && value <= max) {
                  return Optional.of(value);
                }
              } catch (NumberFormatException notAnInteger) {
                // reported below
              }
              reader.problem(
                  text.path(),
                  text.node(),
                  "must be a whole number from "
                      + min
                      + " to "
                      + max
                      + ", not '"
                      + text.value()
                      + "'");
              return Optional.empty();
            });
  }

  /** An ISO-8601 duration ({@code PT30S}) between {@code min} and {@code max}. */
  Optional<Duration> duration(String key, Duration min, Duration max) {
    return optionalText(key)
        .flatMap(
            text -> {
              try {
                Duration value = Duration.parse(text.value());
                if (value.compareTo(min) >= 0 && value.compareTo(max) <= 0) {
                  return Optional.of(value);
                }
                reader.problem(
                    text.path(),
                    text.node(),
                    "must be between " + min + " and " + max + ", not " + value);
              } catch (DateTimeParseException e) {
                reader.problem(
                    text.path(),
                    text.node(),
                    "'" + text.value() + "' is not an ISO-8601 duration such as PT30S");
              }
              return Optional.empty();
            });
  }

  private Optional<Located<String>> located(String key, Node value) {
    return reader.text(value, path(key)).map(text -> new Located<>(text, path(key), value));
  }
}
