package io.countersign.tenant.bundle;

import io.countersign.tenant.ToolNames;
import io.countersign.tenant.policy.ConditionCheck;
import io.countersign.tenant.policy.ConditionError;
import io.countersign.tenant.policy.PolicyCompiler;
import io.countersign.tenant.policy.PolicyDefinition;
import io.countersign.tenant.policy.RuleAction;
import io.countersign.tenant.policy.RuleDefinition;
import io.countersign.tenant.summary.SummaryTemplate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads {@code policy:}: the default action, the ordered rules (compiling every condition) and the
 * summary templates.
 */
final class PolicySection {

  static final Pattern RULE_NAME = Pattern.compile("(?!default$)[a-z0-9][a-z0-9_-]{0,99}");

  private static final Set<String> FIELDS =
      Set.of("default", "reason", "approval", "message", "risk", "rules", "summaries");
  private static final Set<String> RULE_FIELDS =
      Set.of("name", "when", "action", "reason", "approval", "message", "risk");
  private static final int MAX_CONDITION_LENGTH = 4000;

  private final BundleReader reader;
  private final PolicyCompiler compiler;
  private final ActionReader actions;
  private final SummaryReader summaries;

  /**
   * @param naming how the tenant's agents see tool names; empty when the tenant section has a
   *     problem
   * @param upstreams the declared upstreams' names; empty when the upstreams have a problem
   */
  PolicySection(
      BundleReader reader,
      PolicyCompiler compiler,
      List<ApproverGroupDeclaration> groups,
      Optional<ToolNames> naming,
      Optional<List<String>> upstreams) {
    this.reader = reader;
    this.compiler = compiler;
    this.summaries = new SummaryReader(reader, naming, upstreams);
    this.actions =
        new ActionReader(
            reader,
            groups.stream()
                .collect(Collectors.toMap(ApproverGroupDeclaration::name, Function.identity())));
  }

  /** The policy; deny-all when the bundle has no {@code policy:} section. */
  Optional<PolicyDefinition> read(YamlMap bundle) {
    if (!bundle.has("policy")) {
      return Optional.of(PolicyDefinition.DENY_ALL);
    }
    Optional<YamlMap> policy = bundle.map("policy", FIELDS);
    if (policy.isEmpty()) {
      return Optional.empty();
    }
    Optional<RuleAction> defaultAction =
        actions.read(policy.get(), "default", Optional.of(PolicyDefinition.DEFAULT_DENY_REASON));
    List<RuleDefinition> rules = new ArrayList<>();
    Set<String> names = new HashSet<>();
    boolean allRulesRead = true;
    for (YamlMap rule : policy.get().maps("rules", RULE_FIELDS)) {
      Optional<RuleDefinition> read = rule(rule, names);
      read.ifPresent(rules::add);
      allRulesRead &= read.isPresent();
    }
    Optional<Map<String, SummaryTemplate>> templates = summaries.read(policy.get());
    if (defaultAction.isEmpty() || !allRulesRead || templates.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new PolicyDefinition(defaultAction.get(), rules, templates.get()));
  }

  private Optional<RuleDefinition> rule(YamlMap rule, Set<String> names) {
    Optional<Located<String>> name =
        rule.requiredText(
            "name", RULE_NAME, "a rule name (1-100 characters: a-z, 0-9, '-', '_'; not 'default')");
    if (name.isPresent() && !names.add(name.get().value())) {
      reader.problem(
          name.get().path(), name.get().node(), "duplicate rule '" + name.get().value() + "'");
      name = Optional.empty();
    }
    Optional<String> when =
        rule.requiredText("when")
            .filter(w -> rule.fits(w, MAX_CONDITION_LENGTH))
            .filter(this::compiles)
            .map(Located::value);
    Optional<RuleAction> action = actions.read(rule, "action", Optional.empty());
    if (name.isEmpty() || when.isEmpty() || action.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new RuleDefinition(name.get().value(), when.get(), action.get()));
  }

  private boolean compiles(Located<String> when) {
    ConditionCheck check = compiler.check(when.value());
    if (check instanceof ConditionCheck.Rejected rejected) {
      for (ConditionError error : rejected.errors()) {
        int[] at = ConditionLocator.locate(reader, when.node(), when.value(), error);
        reader.problem(when.path(), at[0], at[1], "does not compile: " + error.display());
      }
      return false;
    }
    return true;
  }
}
