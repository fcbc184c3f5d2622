package io.countersign.tenant.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.countersign.tenant.ApprovalExpiry;
import io.countersign.tenant.ApproverSignIn;
import io.countersign.tenant.MemberRole;
import io.countersign.tenant.ToolNames;
import io.countersign.tenant.outbound.OutboundUrlPolicy;
import io.countersign.tenant.policy.ApprovalFollowUp;
import io.countersign.tenant.policy.PolicyCompiler;
import io.countersign.tenant.policy.PolicyVerdict.GroupQuorum;
import io.countersign.tenant.policy.RuleAction;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BundleParserTest {

  private final BundleParser parser =
      new BundleParser(new OutboundUrlPolicy(false), new PolicyCompiler());

  @Test
  void parseWhenDemoBundleThenValid() throws IOException {
    String yaml =
        Files.readString(
            Path.of("..", "web", "src", "main", "resources", "bundles", "demo-tenant.yaml"));
    BundleParser allowingLoopback =
        new BundleParser(new OutboundUrlPolicy(true), new PolicyCompiler());

    BundleParseResult result =
        allowingLoopback.parse(yaml, Map.of("DEMO_UPSTREAM_URL", "http://127.0.0.1:9081/mcp"));

    TenantBundle bundle = valid(result);
    assertEquals(
        new TenantDeclaration(
            "demo",
            "Countersign demo",
            true,
            ApprovalExpiry.platformDefaults(),
            ToolNames.QUALIFIED,
            Optional.empty(),
            Optional.empty(),
            new ApproverSignIn(true, false)),
        bundle.tenant(),
        "the demo takes unsigned votes too, for the tour's curl");
    assertEquals(URI.create("http://127.0.0.1:9081/mcp"), bundle.upstreams().get(0).url());
    assertEquals(Duration.ofSeconds(2), bundle.upstreams().get(0).connectTimeout());
    assertEquals(
        List.of("demo-agent"), bundle.agents().stream().map(AgentDeclaration::name).toList());
    assertEquals(
        java.util.Set.of(MemberRole.APPROVER, MemberRole.TENANT_ADMIN),
        bundle.members().get(0).roles());
    assertEquals(
        List.of("alice@demo.example", "bob@demo.example"),
        bundle.approverGroups().get(0).members());
    assertInstanceOf(RuleAction.Allow.class, bundle.policy().defaultAction());
    assertEquals(4, bundle.policy().rules().size());
    assertEquals(
        java.util.Optional.of(io.countersign.tenant.policy.RiskLevel.HIGH),
        ((RuleAction.RequireApproval) bundle.policy().rules().get(2).action()).risk());
    assertEquals(
        java.util.Set.of("shop__charge_card", "shop__send_email"),
        bundle.policy().summaries().keySet());
  }

  @Test
  void parseWhenDemoBundleOnLoopbackWithoutPrivateNetworksThenUrlRefused() throws IOException {
    String yaml =
        Files.readString(
            Path.of("..", "web", "src", "main", "resources", "bundles", "demo-tenant.yaml"));

    BundleParseResult result =
        parser.parse(yaml, Map.of("DEMO_UPSTREAM_URL", "http://127.0.0.1:9081/mcp"));

    BundleProblem problem = single(result);
    assertEquals("upstreams[0].url", problem.path());
    assertTrue(problem.message().contains("allow-private-networks"), problem.message());
  }

  @Test
  void parseWhenMinimalBundleThenDefaultsApply() {
    TenantBundle bundle = valid(parser.parse(Bundles.minimal(), Map.of()));

    assertEquals("acme", bundle.tenant().id());
    assertEquals(false, bundle.tenant().demo());
    assertEquals(Duration.ofSeconds(5), bundle.upstreams().get(0).connectTimeout());
    assertEquals(Duration.ofSeconds(30), bundle.upstreams().get(0).readTimeout());
    assertInstanceOf(RuleAction.Deny.class, bundle.policy().defaultAction());
  }

  @Test
  void parseWhenConfirmRulesThenMessageKeptOrDefault() {
    String yaml =
        Bundles.minimal()
            + """
            policy:
              default: allow
              rules:
                - name: confirm-staging
                  when: tool.name == "update_config"
                  action: confirm
                  message: Change the staging configuration?
                - name: confirm-any
                  when: tool.name == "send_email"
                  action: confirm
            """;

    TenantBundle bundle = valid(parser.parse(yaml, Map.of()));

    assertEquals(
        new RuleAction.Confirm(Optional.of("Change the staging configuration?")),
        bundle.policy().rules().get(0).action());
    assertEquals(new RuleAction.Confirm(Optional.empty()), bundle.policy().rules().get(1).action());
  }

  @Test
  void parseWhenMessageWithoutConfirmThenRefused() {
    String yaml =
        Bundles.minimal()
            + """
            policy:
              default: allow
              rules:
                - name: allow-with-message
                  when: tool.name == "x"
                  action: allow
                  message: Sure?
            """;

    BundleProblem problem = single(parser.parse(yaml, Map.of()));

    assertEquals("policy.rules[0].message", problem.path());
    assertEquals("message is only used with confirm", problem.message());
  }

  @Test
  void parseWhenPlainToolNamesWithOneUpstreamThenPlain() {
    TenantBundle bundle = valid(parser.parse(withToolNames("plain"), Map.of()));

    assertEquals(ToolNames.PLAIN, bundle.tenant().toolNames());
    assertEquals(
        ToolNames.QUALIFIED, valid(parser.parse(Bundles.minimal(), Map.of())).tenant().toolNames());
  }

  @Test
  void parseWhenPlainToolNamesWithTwoUpstreamsThenRefused() {
    String yaml = withToolNames("plain") + "  - name: crm\n    url: https://crm.example.com/mcp\n";

    BundleProblem problem = single(parser.parse(yaml, Map.of()));

    assertEquals("tenant.toolNames", problem.path());
    assertTrue(
        problem
            .message()
            .startsWith("plain tool names need exactly one upstream (this" + " bundle declares 2)"),
        problem.message());
  }

  @Test
  void parseWhenUnknownToolNamesThenRefused() {
    BundleProblem problem = single(parser.parse(withToolNames("bare"), Map.of()));

    assertEquals("tenant.toolNames", problem.path());
    assertEquals("'bare' is not one of qualified, plain", problem.message());
  }

  @Test
  void parseWhenUnknownFieldThenProblemNamesFieldAndExpectedOnes() {
    String yaml = Bundles.minimal().replace("upstreams:", "upstream:");

    BundleProblem problem = single(parser.parse(yaml, Map.of()));

    assertEquals("upstream", problem.path());
    assertEquals(4, problem.line());
    assertEquals(1, problem.column());
    assertTrue(
        problem
            .message()
            .startsWith("unknown field 'upstream'; expected one of agents, apiVersion"),
        problem.message());
  }

  @Test
  void parseWhenConditionDoesNotCompileThenProblemPointsIntoYaml() {
    String yaml =
        Bundles.minimal()
            + """
            policy:
              default: deny
              rules:
                - name: read-only
                  when: tool.annotations.readOnlyHint
                  action: allow
                - name: typo
                  when: tols.name == "x"
                  action: allow
            """;

    BundleProblem problem = single(parser.parse(yaml, Map.of()));

    assertEquals("policy.rules[1].when", problem.path());
    assertEquals(14, problem.line());
    assertEquals(13, problem.column());
    assertTrue(
        problem
            .message()
            .startsWith("does not compile: ERROR: <input>:1:1: undeclared reference to 'tols'"),
        problem.message());
  }

  @Test
  void parseWhenErrorInsideExpressionThenColumnShifted() {
    String yaml =
        Bundles.minimal()
            + """
            policy:
              default: deny
              rules:
                - name: quoted
                  when: "tool.name == nme"
                  action: allow
            """;

    BundleProblem problem = single(parser.parse(yaml, Map.of()));

    assertEquals(11, problem.line());
    // the value's quote is in column 13; 'nme' is the 14th character of the condition
    assertEquals(13 + 14, problem.column());
  }

  @Test
  void parseWhenLiteralBlockConditionFailsThenLineInsideBlock() {
    String yaml =
        Bundles.minimal()
            + """
            policy:
              default: deny
              rules:
                - name: block
                  when: |
                    tool.name == "x" &&
                      args.n > nothing
                  action: allow
            """;

    BundleProblem problem = single(parser.parse(yaml, Map.of()));

    assertEquals(13, problem.line());
    assertEquals(20, problem.column()); // 'nothing' on the block's second line
  }

  @Test
  void parseWhenSeveralProblemsThenAllReportedInDocumentOrder() {
    String yaml =
        """
        apiVersion: countersign.io/v2
        kind: TenantBundle
        tenant: { id: Acme!, displayName: Acme }
        upstreams:
          - { name: shop__v2, url: "ftp://files.example.com/" }
        agents:
          - { name: bot }
          - { name: bot }
        """;

    List<BundleProblem> problems = invalid(parser.parse(yaml, Map.of()));

    assertEquals(
        List.of(
            "apiVersion", "tenant.id", "upstreams[0].name", "upstreams[0].url", "agents[1].name"),
        problems.stream().map(BundleProblem::path).toList());
    assertEquals(List.of(1, 3, 5, 5, 8), problems.stream().map(BundleProblem::line).toList());
  }

  @Test
  void parseWhenPlaceholderDefinedThenReplaced() {
    String yaml =
        Bundles.minimal()
            .replace(
                "url: https://mcp.example.com/mcp",
                "url: ${SHOP_URL}\n    credentials: { bearerToken: \"${SHOP_TOKEN}\" }");

    TenantBundle bundle =
        valid(
            parser.parse(
                yaml, Map.of("SHOP_URL", "https://shop.example.com/mcp", "SHOP_TOKEN", "s3cret")));

    assertEquals(URI.create("https://shop.example.com/mcp"), bundle.upstreams().get(0).url());
    assertEquals(Optional.of("s3cret"), bundle.upstreams().get(0).credentials().bearerToken());
    assertEquals(
        Map.of("Authorization", "Bearer s3cret"),
        bundle.upstreams().get(0).credentials().toHeaders());
  }

  @Test
  void parseWhenPlaceholderUndefinedThenProblemAtItsLine() {
    String yaml = Bundles.minimal().replace("https://mcp.example.com/mcp", "${SHOP_URL}");

    BundleProblem problem = single(parser.parse(yaml, Map.of()));

    assertEquals("upstreams[0].url", problem.path());
    assertEquals(6, problem.line());
    assertEquals("undefined variable '${SHOP_URL}'", problem.message());
  }

  @Test
  void parseWhenEscapedPlaceholderThenKeptLiterally() {
    String yaml =
        Bundles.minimal().replace("displayName: Acme Corp", "displayName: \"Costs $${PRICE}\"");

    TenantBundle bundle = valid(parser.parse(yaml, Map.of()));

    assertEquals("Costs ${PRICE}", bundle.tenant().displayName());
  }

  @Test
  void parseWhenDenyHasNoReasonThenProblem() {
    String yaml =
        Bundles.minimal()
            + """
            policy:
              default: allow
              rules:
                - { name: no-delete, when: 'tool.name == "delete"', action: deny }
            """;

    BundleProblem problem = single(parser.parse(yaml, Map.of()));

    assertEquals("policy.rules[0].reason", problem.path());
    assertTrue(problem.message().startsWith("a deny needs a reason"), problem.message());
  }

  @Test
  void parseWhenApprovalReferencesProblemsThenEachReported() {
    String yaml =
        Bundles.withPeople()
            + """
            policy:
              default: deny
              rules:
                - name: unknown-group
                  when: "true"
                  action: require_approval
                  approval: { groups: [{ group: finance }] }
                - name: too-many
                  when: "true"
                  action: require_approval
                  approval: { groups: [{ group: db-owners, count: 3 }], timeout: PT5M }
            """;

    List<BundleProblem> problems = invalid(parser.parse(yaml, Map.of()));

    assertEquals(
        List.of(
            "policy.rules[0].approval.groups[0].group", "policy.rules[1].approval.groups[0].count"),
        problems.stream().map(BundleProblem::path).toList());
    assertEquals(
        "unknown approver group 'finance' (declared: db-owners)", problems.get(0).message());
    assertEquals(
        "count 3 is more than the 2 member(s) of group 'db-owners'", problems.get(1).message());
  }

  /** {@link Bundles#withPeople()} plus the groups security (alice) and managers (bob). */
  private static String withThreeGroups() {
    return Bundles.withPeople()
        + """
          - { name: security, members: [alice@acme.example] }
          - { name: managers, members: [bob@acme.example] }
        """;
  }

  @Test
  void parseWhenRemindersAndEscalationThenRead() {
    String yaml =
        withThreeGroups()
            + """
            policy:
              default: deny
              rules:
                - name: escalating
                  when: "true"
                  action: require_approval
                  approval:
                    groups: [{ group: db-owners, count: 2 }]
                    timeout: PT30M
                    remindEvery: PT5M
                    escalation:
                      - { after: PT10M, notify: [security] }
                      - { after: PT20M, add: [{ group: managers, count: 1 }], notify: [security] }
            """;

    TenantBundle bundle = valid(parser.parse(yaml, Map.of()));

    assertEquals(
        new RuleAction.RequireApproval(
            List.of(new GroupQuorum("db-owners", 2)),
            Duration.ofMinutes(30),
            new ApprovalFollowUp(
                Optional.of(Duration.ofMinutes(5)),
                List.of(
                    new ApprovalFollowUp.Step(
                        Duration.ofMinutes(10), List.of("security"), List.of()),
                    new ApprovalFollowUp.Step(
                        Duration.ofMinutes(20),
                        List.of("security"),
                        List.of(new GroupQuorum("managers", 1)))))),
        bundle.policy().rules().get(0).action());
  }

  @Test
  void parseWhenFollowUpProblemsThenEachReported() {
    String yaml =
        withThreeGroups()
            + """
            policy:
              default: deny
              rules:
                - name: escalating
                  when: "true"
                  action: require_approval
                  approval:
                    groups: [{ group: db-owners, count: 1 }]
                    timeout: PT10M
                    remindEvery: PT10M
                    escalation:
                      - { after: PT5M, notify: [finance] }
                      - { after: PT4M, notify: [security] }
                      - { after: PT6M, notify: [db-owners] }
                      - { after: PT7M, add: [{ group: db-owners }] }
                      - { after: PT8M }
                      - { after: PT10M, notify: [managers] }
                      - { after: PT9M, notify: [managers], tell: everyone }
            """;

    List<BundleProblem> problems = invalid(parser.parse(yaml, Map.of()));

    assertEquals(
        List.of(
            "policy.rules[0].approval.remindEvery",
            "policy.rules[0].approval.escalation[0].notify[0]",
            "policy.rules[0].approval.escalation[1].after",
            "policy.rules[0].approval.escalation[2].notify[0]",
            "policy.rules[0].approval.escalation[3].add[0].group",
            "policy.rules[0].approval.escalation[4]",
            "policy.rules[0].approval.escalation[5].after",
            "policy.rules[0].approval.escalation[6].tell"),
        problems.stream().map(BundleProblem::path).toList());
    assertEquals(
        List.of(
            "remindEvery PT10M is not shorter than the timeout PT10M: no reminder would be sent",
            "unknown approver group 'finance' (declared: db-owners, managers, security)",
            "steps come in order of their delays: after PT4M is not later than the step before"
                + " (PT5M)",
            "group 'db-owners' already decides this call; its members get reminders, use"
                + " remindEvery",
            "group 'db-owners' already decides this call",
            "an escalation step needs notify, add or both",
            "after PT10M is not before the timeout PT10M: the step would never be taken",
            "unknown field 'tell'; expected one of add, after, notify"),
        problems.stream().map(BundleProblem::message).toList());
  }

  @Test
  void parseWhenGroupMemberIsNotApproverThenProblem() {
    String yaml = Bundles.withPeople().replace("roles: [approver] }", "roles: [auditor] }");

    BundleProblem problem = single(parser.parse(yaml, Map.of()));

    assertEquals("approverGroups[0].members[1]", problem.path());
    assertEquals("'bob@acme.example' does not have the role approver", problem.message());
  }

  @Test
  void parseWhenDuplicateEmailsThenProblemIgnoringCase() {
    String yaml =
        Bundles.withPeople()
            .replace("bob@acme.example, displayName", "ALICE@acme.example, displayName");

    List<BundleProblem> problems = invalid(parser.parse(yaml, Map.of()));

    assertEquals("members[1].email", problems.get(0).path());
    assertEquals("duplicate member 'alice@acme.example'", problems.get(0).message());
  }

  @Test
  void parseWhenUpstreamUrlIsCloudMetadataThenRefused() {
    String yaml =
        Bundles.minimal().replace("https://mcp.example.com/mcp", "http://169.254.169.254/latest");

    BundleProblem problem = single(parser.parse(yaml, Map.of()));

    assertEquals("upstreams[0].url", problem.path());
    assertTrue(problem.message().contains("never reachable"), problem.message());
  }

  @Test
  void parseWhenTimeoutOutOfBoundsThenProblem() {
    String yaml =
        Bundles.minimal()
            .replace(
                "url: https://mcp.example.com/mcp",
                "url: https://mcp.example.com/mcp\n    timeouts: { connect: PT5M, read: soon }");

    List<BundleProblem> problems = invalid(parser.parse(yaml, Map.of()));

    assertEquals(
        List.of("upstreams[0].timeouts.connect", "upstreams[0].timeouts.read"),
        problems.stream().map(BundleProblem::path).toList());
    assertEquals("must be between PT0.1S and PT1M, not PT5M", problems.get(0).message());
  }

  @Test
  void parseWhenYamlSyntaxBrokenThenProblemWithLine() {
    BundleProblem problem = single(parser.parse("tenant: {id: acme\nkind: x\n", Map.of()));

    assertEquals(2, problem.line());
    assertTrue(problem.message().startsWith("not valid YAML"), problem.message());
  }

  @Test
  void parseWhenTenantMissingThenProblem() {
    BundleProblem problem =
        single(parser.parse("apiVersion: countersign.io/v1\nkind: TenantBundle\n", Map.of()));

    assertEquals("tenant", problem.path());
    assertEquals("missing required field 'tenant'", problem.message());
  }

  @Test
  void parseWhenHeaderCredentialsThenSentAsGiven() {
    String yaml =
        Bundles.minimal()
            .replace(
                "url: https://mcp.example.com/mcp",
                "url: https://mcp.example.com/mcp\n    credentials:\n      headers: { X-Api-Key: k1 }");

    TenantBundle bundle = valid(parser.parse(yaml, Map.of()));

    assertEquals(Map.of("X-Api-Key", "k1"), bundle.upstreams().get(0).credentials().toHeaders());
  }

  @Test
  void parseWhenReservedHeaderThenProblem() {
    String yaml =
        Bundles.minimal()
            .replace(
                "url: https://mcp.example.com/mcp",
                "url: https://mcp.example.com/mcp\n    credentials:\n      headers: { Host: evil.example }");

    BundleProblem problem = single(parser.parse(yaml, Map.of()));

    assertEquals("upstreams[0].credentials.headers.Host", problem.path());
    assertEquals("header 'Host' is set by the gateway itself", problem.message());
  }

  /** The minimal bundle with {@code tenant.toolNames} set. */
  private static String withToolNames(String word) {
    return Bundles.minimal()
        .replace(
            "tenant: { id: acme, displayName: Acme Corp }",
            "tenant: { id: acme, displayName: Acme Corp, toolNames: " + word + " }");
  }

  private static TenantBundle valid(BundleParseResult result) {
    if (result instanceof BundleParseResult.Valid valid) {
      return valid.bundle();
    }
    return fail("expected a valid bundle, got " + ((BundleParseResult.Invalid) result).problems());
  }

  private static List<BundleProblem> invalid(BundleParseResult result) {
    if (result instanceof BundleParseResult.Invalid invalid) {
      return invalid.problems();
    }
    return fail("expected problems, got a valid bundle");
  }

  private static BundleProblem single(BundleParseResult result) {
    List<BundleProblem> problems = invalid(result);
    assertEquals(1, problems.size(), () -> "expected one problem, got " + problems);
    return problems.get(0);
  }
}
