package io.countersign.tenant.bundle;

import io.countersign.tenant.ToolNames;
import io.countersign.tenant.policy.ConditionError;
import io.countersign.tenant.policy.PolicyDefinition;
import io.countersign.tenant.summary.SummaryTemplate;
import io.countersign.tenant.summary.TemplateCheck;
import io.countersign.tenant.summary.TemplateProblem;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Reads {@code policy.summaries}: a summary template per tool, keyed by the tool's name as the
 * tenant's agents see it ({@code toolNames}), each checked with {@link SummaryTemplate#check}. The
 * templates are kept by {@link PolicyDefinition#summaryKey}, whichever way the tenant names tools.
 */
final class SummaryReader {

  static final int MAX_SUMMARIES = 500;

  /** Tool names, as MCP 2025-11-25 allows them ("Tool Names"). */
  private static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,128}");

  private static final String SEPARATOR = "__";

  private final BundleReader reader;
  private final Optional<ToolNames> naming;
  private final Optional<List<String>> upstreams;

  /**
   * @param naming how the tenant's agents see tool names; empty when the tenant section has a
   *     problem
   * @param upstreams the declared upstreams' names; empty when the upstreams have a problem (names
   *     are checked against neither then: the bundle is refused anyway)
   */
  SummaryReader(BundleReader reader, Optional<ToolNames> naming, Optional<List<String>> upstreams) {
    this.reader = reader;
    this.naming = naming;
    this.upstreams = upstreams;
  }

  /** The templates by key; empty when one has a problem. */
  Optional<Map<String, SummaryTemplate>> read(YamlMap policy) {
    Optional<Node> value = policy.value("summaries");
    Map<String, SummaryTemplate> summaries = new TreeMap<>();
    if (value.isEmpty()) {
      return Optional.of(summaries);
    }
    String path = policy.path("summaries");
    if (!(value.get() instanceof MappingNode mapping)) {
      reader.problem(
          path,
          value.get(),
          "must be a mapping of tool names to templates, not "
              + BundleReader.describe(value.get()));
      return Optional.empty();
    }
    if (mapping.getValue().size() > MAX_SUMMARIES) {
      reader.problem(
          path,
          mapping,
          "has " + mapping.getValue().size() + " templates; at most " + MAX_SUMMARIES + " allowed");
      return Optional.empty();
    }
    boolean complete = true;
    Set<String> seen = new HashSet<>();
    for (NodeTuple entry : mapping.getValue()) {
      Optional<String> tool = reader.text(entry.getKeyNode(), path);
      if (tool.isEmpty()) {
        complete = false;
        continue;
      }
      String at = YamlMap.join(path, tool.get());
      Optional<String> key = key(tool.get(), at, entry.getKeyNode(), seen);
      Optional<SummaryTemplate> template = template(entry.getValueNode(), at);
      complete &= key.isPresent() && template.isPresent();
      if (key.isPresent() && template.isPresent()) {
        summaries.put(key.get(), template.get());
      }
    }
    return complete ? Optional.of(summaries) : Optional.empty();
  }

  /** The template's key for the tool agents call {@code tool}; empty, with a problem, if none. */
  private Optional<String> key(String tool, String path, Node at, Set<String> seen) {
    if (!seen.add(tool)) {
      reader.problem(path, at, "duplicate summary for tool '" + tool + "'");
      return Optional.empty();
    }
    if (!TOOL_NAME.matcher(tool).matches()) {
      reader.problem(path, at, "'" + tool + "' is not a tool name (1-128 of A-Z a-z 0-9 _ - .)");
      return Optional.empty();
    }
    if (naming.isEmpty() || upstreams.isEmpty()) {
      return Optional.empty();
    }
    List<String> declared = upstreams.get();
    if (naming.get() == ToolNames.PLAIN) {
      // the tenant section allows plain names only with exactly one upstream (a problem otherwise)
      return declared.size() == 1
          ? Optional.of(PolicyDefinition.summaryKey(declared.get(0), tool))
          : Optional.empty();
    }
    int separator = tool.indexOf(SEPARATOR);
    if (separator <= 0 || separator + SEPARATOR.length() >= tool.length()) {
      reader.problem(
          path,
          at,
          "'"
              + tool
              + "' is not a tool name as agents see it: with toolNames: qualified (the default)"
              + " they are <upstream>__<tool>, e.g. shop__send_email");
      return Optional.empty();
    }
    String upstream = tool.substring(0, separator);
    if (!declared.contains(upstream)) {
      String names =
          declared.isEmpty()
              ? "none are declared"
              : "declared: " + String.join(", ", new TreeSet<>(declared));
      reader.problem(path, at, "no upstream named '" + upstream + "' (" + names + ")");
      return Optional.empty();
    }
    return Optional.of(tool);
  }

  private Optional<SummaryTemplate> template(Node value, String path) {
    if (BundleReader.isNull(value)) {
      reader.problem(path, value, "a summary template must not be empty");
      return Optional.empty();
    }
    Optional<String> text = reader.text(value, path);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    TemplateCheck check = SummaryTemplate.check(text.get());
    if (check instanceof TemplateCheck.Invalid invalid) {
      for (TemplateProblem problem : invalid.problems()) {
        ConditionError located = new ConditionError(1, problem.column(), problem.message());
        int[] where = ConditionLocator.locate(reader, value, text.get(), located);
        reader.problem(path, where[0], where[1], problem.message());
      }
      return Optional.empty();
    }
    return Optional.of(((TemplateCheck.Valid) check).template());
  }
}
