package io.countersign.tenant.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.countersign.tenant.approval.ExternalProvider;
import io.countersign.tenant.oauth.DeliveryMode;
import io.countersign.tenant.outbound.OutboundUrlPolicy;
import io.countersign.tenant.policy.PolicyCompiler;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApprovalProviderSectionTest {

  private static final String SECRET = "s3cr3t-Value_0123456789";

  private final BundleParser parser =
      new BundleParser(new OutboundUrlPolicy(false), new PolicyCompiler());
  private final BundleParser allowingPrivateNetworks =
      new BundleParser(new OutboundUrlPolicy(true), new PolicyCompiler());

  /** A bundle whose tenant (line 3 on) has {@code approvalProvider:} with these lines. */
  private static String bundle(String... providerLines) {
    StringBuilder yaml =
        new StringBuilder(
            """
            apiVersion: countersign.io/v1
            kind: TenantBundle
            tenant:
              id: acme
              displayName: Acme Corp
              approvalProvider:
            """);
    for (String line : providerLines) {
      yaml.append("    ").append(line).append('\n');
    }
    return yaml.toString();
  }

  @Test
  void parseWhenNoApprovalProviderThenBuiltIn() {
    TenantBundle bundle = valid(parser.parse(Bundles.minimal(), Map.of()));

    assertEquals(Optional.empty(), bundle.tenant().approvalProvider());
  }

  @Test
  void parseWhenProviderWithPlaceholderSecretThenDeclaredWithPingByDefault() {
    TenantBundle bundle =
        valid(
            parser.parse(
                bundle(
                    "issuer: https://login.acme.example/realms/approvals",
                    "clientId: countersign-gateway",
                    "clientSecret: ${APPROVALS_SECRET}"),
                Map.of("APPROVALS_SECRET", SECRET)));

    ExternalProvider provider = bundle.tenant().approvalProvider().orElseThrow();
    assertEquals(URI.create("https://login.acme.example/realms/approvals"), provider.issuer());
    assertEquals("countersign-gateway", provider.clientId());
    assertEquals(SECRET, provider.clientSecret());
    assertEquals(DeliveryMode.PING, provider.deliveryMode());
    assertFalse(provider.toString().contains(SECRET), provider.toString());
    assertFalse(bundle.toString().contains(SECRET), "the bundle's toString hides the secret");
  }

  @Test
  void parseWhenPollModeThenPoll() {
    TenantBundle bundle =
        valid(
            parser.parse(
                bundle(
                    "issuer: https://login.acme.example",
                    "clientId: gw",
                    "clientSecret: " + SECRET,
                    "deliveryMode: poll"),
                Map.of()));

    assertEquals(
        DeliveryMode.POLL, bundle.tenant().approvalProvider().orElseThrow().deliveryMode());
  }

  @Test
  void parseWhenFieldsMissingThenEachNamed() {
    List<BundleProblem> problems = problems(parser.parse(bundle("deliveryMode: ping"), Map.of()));

    assertEquals(
        List.of(
            "tenant.approvalProvider.issuer",
            "tenant.approvalProvider.clientId",
            "tenant.approvalProvider.clientSecret"),
        problems.stream().map(BundleProblem::path).toList());
    assertTrue(problems.get(0).message().contains("missing required field 'issuer'"));
  }

  @Test
  void parseWhenUnknownFieldThenProblemListsTheExpectedOnes() {
    BundleProblem problem =
        single(
            parser.parse(
                bundle(
                    "issuer: https://login.acme.example",
                    "clientId: gw",
                    "clientSecret: " + SECRET,
                    "tokenEndpoint: https://login.acme.example/token"),
                Map.of()));

    assertEquals("tenant.approvalProvider.tokenEndpoint", problem.path());
    assertEquals(10, problem.line());
    assertTrue(
        problem.message().contains("expected one of clientId, clientSecret, deliveryMode, issuer"),
        problem.message());
  }

  @Test
  void parseWhenIssuerIsNotAUrlThenRefused() {
    BundleProblem problem = single(parser.parse(provider("login.acme.example", "ping"), Map.of()));

    assertEquals("tenant.approvalProvider.issuer", problem.path());
    assertTrue(problem.message().contains("is not an absolute URL"), problem.message());
  }

  @Test
  void parseWhenIssuerHasQueryOrFragmentThenRefused() {
    BundleProblem query =
        single(parser.parse(provider("https://login.acme.example/?realm=a", "ping"), Map.of()));
    BundleProblem fragment =
        single(parser.parse(provider("https://login.acme.example/#a", "ping"), Map.of()));

    assertTrue(query.message().contains("must not have a query"), query.message());
    assertTrue(fragment.message().contains("or a fragment"), fragment.message());
  }

  @Test
  void parseWhenIssuerUsesHttpThenRefusedUnlessPrivateNetworksAllowed() {
    String yaml = provider("http://login.acme.example", "ping");

    BundleProblem problem = single(parser.parse(yaml, Map.of()));
    valid(allowingPrivateNetworks.parse(yaml, Map.of()));

    assertEquals("tenant.approvalProvider.issuer", problem.path());
    assertTrue(problem.message().contains("must use https"), problem.message());
  }

  @Test
  void parseWhenIssuerIsCloudMetadataThenRefusedEvenWithPrivateNetworks() {
    BundleProblem problem =
        single(
            allowingPrivateNetworks.parse(
                provider("http://169.254.169.254/latest", "ping"), Map.of()));

    assertTrue(problem.message().contains("is not allowed"), problem.message());
    assertTrue(problem.message().contains("link-local"), problem.message());
  }

  @Test
  void parseWhenIssuerOnLoopbackWithoutPrivateNetworksThenRefused() {
    BundleProblem problem =
        single(parser.parse(provider("https://localhost:8443/t/acme", "ping"), Map.of()));

    assertTrue(problem.message().contains("allow-private-networks"), problem.message());
  }

  @Test
  void parseWhenDeliveryModeUnknownThenRefused() {
    BundleProblem problem =
        single(parser.parse(provider("https://login.acme.example", "sometimes"), Map.of()));

    assertEquals("tenant.approvalProvider.deliveryMode", problem.path());
    assertTrue(problem.message().contains("expected one of ping, poll"), problem.message());
  }

  @Test
  void parseWhenPushModeThenRefusedWithWhy() {
    BundleProblem problem =
        single(parser.parse(provider("https://login.acme.example", "push"), Map.of()));

    assertTrue(problem.message().contains("redeems each approval"), problem.message());
  }

  @Test
  void parseWhenSecretPlaceholderUndefinedThenProblemWithoutAnyValue() {
    BundleProblem problem =
        single(
            parser.parse(
                bundle(
                    "issuer: https://login.acme.example",
                    "clientId: gw",
                    "clientSecret: ${APPROVALS_SECRET}"),
                Map.of()));

    assertEquals("tenant.approvalProvider.clientSecret", problem.path());
    assertEquals("undefined variable '${APPROVALS_SECRET}'", problem.message());
  }

  @Test
  void parseWhenSecretHasALineBreakThenRefusedWithoutEchoingIt() {
    BundleProblem problem =
        single(
            parser.parse(
                bundle(
                    "issuer: https://login.acme.example",
                    "clientId: gw",
                    "clientSecret: \"abc\\ndef-" + SECRET + "\""),
                Map.of()));

    assertEquals("tenant.approvalProvider.clientSecret", problem.path());
    assertTrue(problem.message().contains("printable ASCII"), problem.message());
    assertFalse(problem.message().contains(SECRET), problem.message());
  }

  @Test
  void parseWhenProviderIsNotAMappingThenProblem() {
    BundleProblem problem =
        single(
            parser.parse(
                """
                apiVersion: countersign.io/v1
                kind: TenantBundle
                tenant: { id: acme, displayName: Acme, approvalProvider: https://login.acme.example }
                """,
                Map.of()));

    assertEquals("tenant.approvalProvider", problem.path());
    assertTrue(problem.message().contains("must be a mapping"), problem.message());
  }

  private static String provider(String issuer, String deliveryMode) {
    return bundle(
        "issuer: " + issuer,
        "clientId: gw",
        "clientSecret: " + SECRET,
        "deliveryMode: " + deliveryMode);
  }

  private static TenantBundle valid(BundleParseResult result) {
    if (result instanceof BundleParseResult.Valid valid) {
      return valid.bundle();
    }
    return fail("expected a valid bundle, got " + ((BundleParseResult.Invalid) result).problems());
  }

  private static List<BundleProblem> problems(BundleParseResult result) {
    if (result instanceof BundleParseResult.Invalid invalid) {
      return invalid.problems();
    }
    return fail("expected problems, got a valid bundle");
  }

  private static BundleProblem single(BundleParseResult result) {
    List<BundleProblem> problems = problems(result);
    assertEquals(1, problems.size(), problems.toString());
    return problems.get(0);
  }
}
