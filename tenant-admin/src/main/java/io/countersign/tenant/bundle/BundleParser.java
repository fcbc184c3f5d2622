package io.countersign.tenant.bundle;

import io.countersign.tenant.oauth.ClientRegistration;
import io.countersign.tenant.outbound.OutboundUrlPolicy;
import io.countersign.tenant.policy.PolicyCompiler;
import io.countersign.tenant.policy.PolicyDefinition;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads and validates a tenant bundle (see {@code docs/tenant-bundle.md}). It reports every problem
 * it finds, each with the path, line and column (1-based) taken from the YAML node, and never
 * returns a bundle with a problem: what is not valid cannot be half-imported.
 */
@Dependent
public class BundleParser {

  static final String API_VERSION = "countersign.io/v1";
  static final String KIND = "TenantBundle";

  private static final Set<String> FIELDS =
      Set.of(
          "apiVersion",
          "kind",
          "tenant",
          "upstreams",
          "agents",
          "members",
          "approverGroups",
          "policy",
          "oauthClients");
  private static final int MAX_BUNDLE_CHARACTERS = 1_000_000;

  private final OutboundUrlPolicy outbound;
  private final PolicyCompiler compiler;

  @Inject
  public BundleParser(OutboundUrlPolicy outbound, PolicyCompiler compiler) {
    this.outbound = outbound;
    this.compiler = compiler;
  }

  /** Reads {@code yaml}, replacing {@code ${NAME}} in values with {@code variables.get("NAME")}. */
  public BundleParseResult parse(String yaml, Map<String, String> variables) {
    if (yaml.length() > MAX_BUNDLE_CHARACTERS) {
      return invalid(new BundleProblem("", 1, 1, "the bundle is larger than 1,000,000 characters"));
    }
    Node root;
    try {
      root = new Yaml(loaderOptions()).compose(new StringReader(yaml));
    } catch (MarkedYAMLException e) {
      Mark mark = Optional.ofNullable(e.getProblemMark()).orElse(e.getContextMark());
      String problem = Optional.ofNullable(e.getProblem()).orElse(e.getMessage());
      return invalid(
          mark == null
              ? new BundleProblem("", 1, 1, "not valid YAML: " + problem)
              : new BundleProblem(
                  "", mark.getLine() + 1, mark.getColumn() + 1, "not valid YAML: " + problem));
    } catch (YAMLException e) {
      return invalid(new BundleProblem("", 1, 1, "not valid YAML: " + e.getMessage()));
    }
    if (root == null) {
      return invalid(new BundleProblem("", 1, 1, "the bundle is empty"));
    }
    BundleReader reader = new BundleReader(variables, yaml);
    Optional<TenantBundle> bundle = reader.map(root, "", FIELDS).flatMap(map -> read(reader, map));
    if (!reader.problems().isEmpty() || bundle.isEmpty()) {
      List<BundleProblem> problems =
          reader.problems().stream()
              .sorted(
                  Comparator.comparingInt(BundleProblem::line)
                      .thenComparingInt(BundleProblem::column))
              .toList();
      return new BundleParseResult.Invalid(problems);
    }
    return new BundleParseResult.Valid(bundle.get());
  }

  private Optional<TenantBundle> read(BundleReader reader, YamlMap map) {
    map.requiredText("apiVersion")
        .filter(v -> !v.value().equals(API_VERSION))
        .ifPresent(v -> reader.problem(v.path(), v.node(), "must be " + API_VERSION));
    map.requiredText("kind")
        .filter(v -> !v.value().equals(KIND))
        .ifPresent(v -> reader.problem(v.path(), v.node(), "must be " + KIND));
    Optional<TenantDeclaration> tenant = TenantSection.read(map, outbound);
    int problemsBefore = reader.problems().size();
    List<UpstreamDeclaration> upstreams = new UpstreamSection(reader, outbound).read(map);
    // upstreams with problems are missing from the list: tool names are then not held to it
    Optional<List<String>> upstreamNames =
        reader.problems().size() == problemsBefore
            ? Optional.of(upstreams.stream().map(UpstreamDeclaration::name).toList())
            : Optional.empty();
    List<AgentDeclaration> agents = AgentSection.read(map);
    List<MemberDeclaration> members = MemberSection.read(map);
    List<ApproverGroupDeclaration> groups = ApproverGroupSection.read(map, members);
    Optional<PolicyDefinition> policy =
        new PolicySection(
                reader, compiler, groups, tenant.map(TenantDeclaration::toolNames), upstreamNames)
            .read(map);
    List<ClientRegistration> clients = new OAuthClientSection(reader, outbound).read(map, agents);
    if (tenant.isEmpty() || policy.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new TenantBundle(tenant.get(), upstreams, agents, members, groups, policy.get(), clients));
  }

  private static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(20); // no billion laughs
    options.setNestingDepthLimit(20);
    options.setCodePointLimit(MAX_BUNDLE_CHARACTERS);
    return options;
  }

  private static BundleParseResult invalid(BundleProblem problem) {
    return new BundleParseResult.Invalid(List.of(problem));
  }
}
