package io.countersign.tenant.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.countersign.tenant.outbound.OutboundUrlPolicy;
import io.countersign.tenant.policy.PolicyCompiler;
import java.util.List;
import java.util.Map;

/** Bundle texts for tests; line numbers matter to the tests that use them. */
final class Bundles {

  private static final BundleParser PARSER =
      new BundleParser(new OutboundUrlPolicy(false), new PolicyCompiler());

  private Bundles() {}

  /** {@code yaml} parsed without variables; fails the test when it has a problem. */
  static TenantBundle valid(String yaml) {
    BundleParseResult result = PARSER.parse(yaml, Map.of());
    if (result instanceof BundleParseResult.Valid valid) {
      return valid.bundle();
    }
    return fail("expected a valid bundle, got " + ((BundleParseResult.Invalid) result).problems());
  }

  /** The problems of {@code yaml} parsed without variables; fails the test when there are none. */
  static List<BundleProblem> invalid(String yaml) {
    BundleParseResult result = PARSER.parse(yaml, Map.of());
    if (result instanceof BundleParseResult.Invalid invalid) {
      return invalid.problems();
    }
    return fail("expected problems, got a valid bundle");
  }

  /** The one problem of {@code yaml}; fails the test when there are none or more. */
  static BundleProblem single(String yaml) {
    List<BundleProblem> problems = invalid(yaml);
    assertEquals(1, problems.size(), () -> "expected one problem, got " + problems);
    return problems.get(0);
  }

  /** Six lines: header, tenant, one upstream; no policy (deny-all). */
  static String minimal() {
    return """
        apiVersion: countersign.io/v1
        kind: TenantBundle
        tenant: { id: acme, displayName: Acme Corp }
        upstreams:
          - name: shop
            url: https://mcp.example.com/mcp
        """;
  }

  /** {@link #minimal()} plus two approvers and the group db-owners; no policy. */
  static String withPeople() {
    return minimal()
        + """
        agents:
          - { name: support-bot, description: Answers customers }
        members:
          - { email: alice@acme.example, displayName: Alice, roles: [approver, tenant-admin] }
          - { email: bob@acme.example, displayName: Bob, roles: [approver] }
        approverGroups:
          - { name: db-owners, members: [alice@acme.example, bob@acme.example] }
        """;
  }
}
