package io.countersign.tenant.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.countersign.tenant.notification.ChatWebhook;
import io.countersign.tenant.outbound.OutboundUrlPolicy;
import io.countersign.tenant.policy.PolicyCompiler;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotificationsSectionTest {

  private static final String SECRET = "whsec-Th1s-is-a-l0ng-random-secret-value";

  private final BundleParser parser =
      new BundleParser(new OutboundUrlPolicy(false), new PolicyCompiler());
  private final BundleParser allowingPrivateNetworks =
      new BundleParser(new OutboundUrlPolicy(true), new PolicyCompiler());

  /** A bundle whose tenant has {@code notifications: webhook:} with these lines. */
  private static String bundle(String... webhookLines) {
    StringBuilder yaml =
        new StringBuilder(
            """
            apiVersion: countersign.io/v1
            kind: TenantBundle
            tenant:
              id: acme
              displayName: Acme Corp
              notifications:
                webhook:
            """);
    for (String line : webhookLines) {
      yaml.append("      ").append(line).append('\n');
    }
    return yaml.toString();
  }

  @Test
  void parseWhenNoNotificationsThenNoWebhook() {
    assertEquals(
        Optional.empty(), valid(parser.parse(Bundles.minimal(), Map.of())).tenant().webhook());
  }

  @Test
  void parseWhenWebhookWithPlaceholderSecretThenDeclaredAndSecretHidden() {
    TenantBundle bundle =
        valid(
            parser.parse(
                bundle("url: https://chat-bridge.acme.example/countersign", "secret: ${HOOK}"),
                Map.of("HOOK", SECRET)));

    ChatWebhook webhook = bundle.tenant().webhook().orElseThrow();
    assertEquals(URI.create("https://chat-bridge.acme.example/countersign"), webhook.url());
    assertEquals(SECRET, webhook.secret());
    assertFalse(bundle.toString().contains(SECRET), "the bundle's toString hides the secret");
    assertFalse(BundleDigest.of(bundle).contains(SECRET));
  }

  @Test
  void digestWhenOnlyTheSecretChangesThenUnchanged() {
    TenantBundle one =
        valid(
            parser.parse(
                bundle("url: https://hooks.acme.example/x", "secret: " + SECRET), Map.of()));
    TenantBundle other =
        valid(
            parser.parse(
                bundle("url: https://hooks.acme.example/x", "secret: " + SECRET + "-rotated"),
                Map.of()));

    assertEquals(BundleDigest.of(one), BundleDigest.of(other));
  }

  @Test
  void parseWhenUrlIsNotHttpsThenProblemNamesTheRule() {
    BundleProblem problem =
        single(
            parser.parse(
                bundle("url: http://hooks.acme.example/x", "secret: " + SECRET), Map.of()));

    assertEquals("tenant.notifications.webhook.url", problem.path());
    assertTrue(problem.message().contains("must use https"), problem.message());
    assertFalse(problem.message().contains(SECRET));
  }

  @Test
  void parseWhenUrlIsNoUrlThenProblem() {
    BundleProblem problem =
        single(parser.parse(bundle("url: not a url", "secret: " + SECRET), Map.of()));

    assertEquals("tenant.notifications.webhook.url", problem.path());
    assertTrue(problem.message().contains("is not a valid URL"), problem.message());
  }

  @Test
  void parseWhenUrlOnPrivateNetworkThenRefusedUnlessAllowed() {
    String yaml = bundle("url: https://10.0.0.7/hook", "secret: " + SECRET);

    BundleProblem problem = single(parser.parse(yaml, Map.of()));

    assertEquals("tenant.notifications.webhook.url", problem.path());
    assertTrue(problem.message().contains("private range"), problem.message());
    assertFalse(problem.message().contains(SECRET));
    assertTrue(valid(allowingPrivateNetworks.parse(yaml, Map.of())).tenant().webhook().isPresent());
  }

  @Test
  void parseWhenUrlIsCloudMetadataThenRefusedEvenWithPrivateNetworks() {
    BundleProblem problem =
        single(
            allowingPrivateNetworks.parse(
                bundle("url: http://169.254.169.254/latest", "secret: " + SECRET), Map.of()));

    assertTrue(problem.message().contains("never reachable"), problem.message());
  }

  @Test
  void parseWhenSecretMissingThenProblemAtTheWebhook() {
    BundleProblem problem =
        single(parser.parse(bundle("url: https://hooks.acme.example/x"), Map.of()));

    assertEquals("tenant.notifications.webhook.secret", problem.path());
    assertTrue(problem.message().contains("missing required field 'secret'"), problem.message());
  }

  @Test
  void parseWhenSecretTooShortOrNotPrintableThenProblemWithoutTheValue() {
    String shortSecret = "tooShortSecret42";
    BundleProblem tooShort =
        single(
            parser.parse(
                bundle("url: https://hooks.acme.example/x", "secret: " + shortSecret), Map.of()));
    assertEquals("tenant.notifications.webhook.secret", tooShort.path());
    assertTrue(tooShort.message().contains("shorter than 32"), tooShort.message());
    assertFalse(tooShort.message().contains(shortSecret), tooShort.message());

    String tabbed = "secret-with-a-tab\there-0123456789abcdef";
    BundleProblem notPrintable =
        single(
            parser.parse(
                bundle("url: https://hooks.acme.example/x", "secret: \"${S}\""),
                Map.of("S", tabbed)));
    assertTrue(notPrintable.message().contains("printable"), notPrintable.message());
    assertFalse(notPrintable.message().contains("secret-with"), notPrintable.message());
  }

  @Test
  void parseWhenUnknownFieldThenProblem() {
    List<BundleProblem> problems =
        problems(
            parser.parse(
                bundle("url: https://hooks.acme.example/x", "secret: " + SECRET, "sekret: x"),
                Map.of()));

    assertTrue(problems.get(0).message().contains("unknown field 'sekret'"), problems.toString());
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
