package io.countersign.tenant.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.countersign.tenant.oauth.ClientAuthMethod;
import io.countersign.tenant.oauth.ClientRegistration;
import io.countersign.tenant.oauth.DeliveryMode;
import io.countersign.tenant.oauth.OAuthGrant;
import io.countersign.tenant.outbound.OutboundUrlPolicy;
import io.countersign.tenant.policy.PolicyCompiler;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OAuthClientSectionTest {

  private static final String JWKS =
      "'{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\",\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}]}'";

  private final BundleParser parser =
      new BundleParser(new OutboundUrlPolicy(false), new PolicyCompiler());

  private static String with(String clients) {
    return Bundles.withPeople() + "oauthClients:\n" + clients;
  }

  @Test
  void parseWhenCibaAndAgentClientsThenBothRegistered() {
    String yaml =
        with(
            """
              - clientId: gateway
                grantTypes: [ciba]
                authentication: client_secret_basic
                backchannel: { deliveryMode: ping, notificationEndpoint: https://gw.acme.example/cb }
              - clientId: support-bot-oauth
                grantTypes: [client_credentials]
                authentication: private_key_jwt
                agent: support-bot
                jwks: %s
            """
                .formatted(JWKS));

    TenantBundle bundle =
        assertInstanceOf(BundleParseResult.Valid.class, parser.parse(yaml, Map.of())).bundle();

    ClientRegistration gateway = bundle.oauthClients().get(0);
    assertEquals(Set.of(OAuthGrant.CIBA), gateway.grants());
    assertEquals(Optional.of(DeliveryMode.PING), gateway.deliveryMode());
    assertEquals(
        Optional.of(URI.create("https://gw.acme.example/cb")), gateway.notificationEndpoint());
    ClientRegistration bot = bundle.oauthClients().get(1);
    assertEquals(ClientAuthMethod.PRIVATE_KEY_JWT, bot.authMethod());
    assertEquals(Optional.of("support-bot"), bot.agent());
  }

  @Test
  void parseWhenPingClientHasNoEndpointThenProblemAtDeliveryMode() {
    List<BundleProblem> problems =
        invalid(
            with(
                """
                  - clientId: gateway
                    grantTypes: [ciba]
                    authentication: client_secret_basic
                    backchannel: { deliveryMode: ping }
                """));

    assertEquals("oauthClients[0].backchannel.notificationEndpoint", problems.get(0).path());
    assertEquals("ping mode needs a notification endpoint", problems.get(0).message());
  }

  @Test
  void parseWhenNotificationEndpointIsPrivateOrPlainHttpThenRefused() {
    List<BundleProblem> problems =
        invalid(
            with(
                """
                  - clientId: a
                    grantTypes: [ciba]
                    authentication: client_secret_basic
                    backchannel: { deliveryMode: push, notificationEndpoint: "http://10.0.0.7/cb" }
                  - clientId: b
                    grantTypes: [ciba]
                    authentication: client_secret_basic
                    backchannel: { deliveryMode: ping, notificationEndpoint: "http://gw.acme.example/cb" }
                """));

    assertEquals(2, problems.size(), problems.toString());
    assertEquals("oauthClients[1].backchannel.notificationEndpoint", problems.get(1).path());
    assertEquals("must use https", problems.get(1).message());
  }

  @Test
  void parseWhenFapiClientUsesSecretAndPushThenEachRuleReported() {
    List<BundleProblem> problems =
        invalid(
            with(
                """
                  - clientId: bank
                    grantTypes: [ciba]
                    authentication: client_secret_post
                    fapi: true
                    backchannel: { deliveryMode: push, notificationEndpoint: https://bank.example/cb }
                """));

    assertEquals(
        List.of(
            // in document order: the problem without its own field sits at the client's start
            "a FAPI-CIBA client signs its requests",
            "a FAPI-CIBA client uses private_key_jwt",
            "FAPI-CIBA does not allow push mode"),
        problems.stream().map(BundleProblem::message).toList());
  }

  @Test
  void parseWhenClientCredentialsNameUnknownAgentOrPrivateKeyThenRefused() {
    List<BundleProblem> problems =
        invalid(
            with(
                """
                  - clientId: bot
                    grantTypes: [client_credentials]
                    authentication: private_key_jwt
                    agent: nobody
                    jwks: '{"keys":[{"kty":"EC","crv":"P-256","x":"a","y":"b","d":"secret"}]}'
                """));

    assertEquals(
        List.of(
            "no enabled agent named 'nobody'",
            "holds a private key: register only the public keys"),
        problems.stream().map(BundleProblem::message).toList());
  }

  @Test
  void parseWhenUnknownGrantOrDuplicateClientThenProblems() {
    List<BundleProblem> problems =
        invalid(
            with(
                """
                  - clientId: a
                    grantTypes: [password]
                    authentication: client_secret_basic
                  - clientId: b
                    grantTypes: [ciba]
                    authentication: client_secret_basic
                    backchannel: { deliveryMode: poll, userCode: true }
                """));

    assertEquals(
        List.of(
            "unknown grant 'password'; expected ciba or client_credentials",
            "this provider does not support user codes"
                + " (backchannel_user_code_parameter_supported is false)"),
        problems.stream().map(BundleProblem::message).toList());
  }

  @Test
  void parseWhenTenantSetsApprovalExpiryThenBothBoundsKept() {
    String yaml =
        Bundles.minimal()
            .replace(
                "displayName: Acme Corp }",
                "displayName: Acme Corp, approvalExpiry: { default: PT5M, max: PT1H } }");

    TenantBundle bundle =
        assertInstanceOf(BundleParseResult.Valid.class, parser.parse(yaml, Map.of())).bundle();

    assertEquals(
        new io.countersign.tenant.ApprovalExpiry(
            Optional.of(java.time.Duration.ofMinutes(5)),
            Optional.of(java.time.Duration.ofHours(1))),
        bundle.tenant().approvalExpiry());
  }

  @Test
  void parseWhenApprovalExpiryDefaultExceedsMaxOrIsOutOfRangeThenProblems() {
    List<BundleProblem> longer =
        invalid(
            Bundles.minimal()
                .replace(
                    "displayName: Acme Corp }",
                    "displayName: Acme Corp, approvalExpiry: { default: PT2H, max: PT1H } }"));
    assertEquals("tenant.approvalExpiry.default", longer.get(0).path());
    assertEquals("must not be longer than max (PT1H)", longer.get(0).message());

    List<BundleProblem> range =
        invalid(
            Bundles.minimal()
                .replace(
                    "displayName: Acme Corp }",
                    "displayName: Acme Corp, approvalExpiry: { max: P30D } }"));
    assertEquals("must be between PT10S and PT168H, not PT720H", range.get(0).message());
  }

  private List<BundleProblem> invalid(String yaml) {
    return assertInstanceOf(BundleParseResult.Invalid.class, parser.parse(yaml, Map.of()))
        .problems();
  }
}
