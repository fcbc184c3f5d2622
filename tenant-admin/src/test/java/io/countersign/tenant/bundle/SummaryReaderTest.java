package io.countersign.tenant.bundle;

import static io.countersign.tenant.bundle.Bundles.invalid;
import static io.countersign.tenant.bundle.Bundles.single;
import static io.countersign.tenant.bundle.Bundles.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.countersign.tenant.summary.SummaryTemplate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code policy.summaries} in a bundle: keys as agents see tool names, templates checked. */
class SummaryReaderTest {

  @Test
  void parseWhenQualifiedNamesThenTemplatesKeptByUpstreamAndTool() {
    TenantBundle bundle =
        valid(
            Bundles.minimal()
                + """
                policy:
                  default: allow
                  summaries:
                    shop__delete_orders: "Delete {args.status} orders created before {args.created_before}"
                    shop__send_email: "E-mail {args.to} about \\"{args.subject}\\""
                """);

    assertEquals(
        Map.of(
            "shop__delete_orders",
            SummaryTemplate.of("Delete {args.status} orders created before {args.created_before}"),
            "shop__send_email",
            SummaryTemplate.of("E-mail {args.to} about \"{args.subject}\"")),
        bundle.policy().summaries());
  }

  @Test
  void parseWhenPlainNamesThenKeyedByTheOnlyUpstream() {
    TenantBundle bundle =
        valid(
            withToolNames("plain")
                + """
                policy:
                  default: allow
                  summaries:
                    send_email: "E-mail {args.to}"
                """);

    assertEquals(
        SummaryTemplate.of("E-mail {args.to}"),
        bundle.policy().summary("shop", "send_email").orElseThrow());
  }

  @Test
  void parseWhenQualifiedTenantNamesAToolPlainlyThenProblem() {
    BundleProblem problem =
        single(
            Bundles.minimal()
                + """
                policy:
                  default: allow
                  summaries:
                    send_email: "E-mail {args.to}"
                """);

    assertEquals(
        new BundleProblem(
            "policy.summaries.send_email",
            10,
            5,
            "'send_email' is not a tool name as agents see it: with toolNames: qualified (the"
                + " default) they are <upstream>__<tool>, e.g. shop__send_email"),
        problem);
  }

  @Test
  void parseWhenUnknownUpstreamThenProblemNamingTheDeclaredOnes() {
    BundleProblem problem =
        single(
            Bundles.minimal()
                + """
                policy:
                  default: allow
                  summaries:
                    mail__send: "Send"
                """);

    assertEquals("policy.summaries.mail__send", problem.path());
    assertEquals("no upstream named 'mail' (declared: shop)", problem.message());
  }

  @Test
  void parseWhenKeyIsNoToolNameThenProblem() {
    BundleProblem problem =
        single(
            Bundles.minimal()
                + """
                policy:
                  default: allow
                  summaries:
                    "shop__send email": "Send"
                """);

    assertEquals(
        "'shop__send email' is not a tool name (1-128 of A-Z a-z 0-9 _ - .)", problem.message());
  }

  @Test
  void parseWhenTemplateHasProblemsThenEachAtItsColumnInTheYaml() {
    List<BundleProblem> problems =
        invalid(
            Bundles.minimal()
                + """
                policy:
                  default: allow
                  summaries:
                    shop__a: Write {argz.to} now }
                """);

    assertEquals(
        List.of(
            new BundleProblem(
                "policy.summaries.shop__a",
                10,
                20,
                "unknown placeholder root 'argz' in {argz.to} at column 7; expected args, agent,"
                    + " tool or upstream"),
            new BundleProblem(
                "policy.summaries.shop__a",
                10,
                34,
                "'}' at column 21 closes no placeholder; write }} for a literal '}'")),
        problems);
  }

  @Test
  void parseWhenTemplateEmptyOrTooLongOrUnclosedThenProblem() {
    List<BundleProblem> problems =
        invalid(
            Bundles.minimal()
                + """
                policy:
                  default: allow
                  summaries:
                    shop__a: ""
                    shop__b:
                    shop__c: "%s"
                    shop__d: "Delete {args.status"
                """
                    .formatted("x".repeat(501)));

    assertEquals(
        List.of(
            "a summary template must not be empty",
            "a summary template must not be empty",
            "is 501 characters long; at most 500 allowed",
            "'{' at column 8 opens a placeholder that is not closed; write {{ for a literal '{'"),
        problems.stream().map(BundleProblem::message).toList());
  }

  @Test
  void parseWhenSummariesNotAMappingOrKeyTwiceThenProblem() {
    assertEquals(
        "must be a mapping of tool names to templates, not a list",
        single(
                Bundles.minimal()
                    + """
                    policy:
                      default: allow
                      summaries: [shop__a]
                    """)
            .message());
    assertEquals(
        "duplicate summary for tool 'shop__a'",
        single(
                Bundles.minimal()
                    + """
                    policy:
                      default: allow
                      summaries:
                        shop__a: "A"
                        shop__a: "B"
                    """)
            .message());
  }

  private static String withToolNames(String word) {
    return Bundles.minimal()
        .replace(
            "tenant: { id: acme, displayName: Acme Corp }",
            "tenant: { id: acme, displayName: Acme Corp, toolNames: " + word + " }");
  }
}
