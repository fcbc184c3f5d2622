package io.countersign.gateway.hold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.countersign.gateway.upstream.TestGuards;
import io.countersign.gateway.upstream.UpstreamFailure;
import io.countersign.tenant.approval.ExternalProvider;
import io.countersign.tenant.oauth.DeliveryMode;
import io.countersign.tenant.outbound.OutboundUrlPolicy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Discovery of an external provider against a real HTTP server serving its metadata. */
class ProviderDiscoveryTest {

  private final HttpServer server;
  private final String issuer;
  private final AtomicReference<String> document = new AtomicReference<>();
  private final AtomicReference<Optional<UpstreamFailure>> guard =
      new AtomicReference<>(Optional.empty());
  private final ProviderDiscovery discovery = new ProviderDiscovery();

  ProviderDiscoveryTest() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/t/acme";
    server.createContext(
        "/t/acme/.well-known/openid-configuration",
        exchange -> {
          byte[] body = document.get().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    ProviderAddresses addresses = new ProviderAddresses();
    addresses.policy = new OutboundUrlPolicy(true);
    addresses.guard = TestGuards.of(url -> guard.get(), true);
    discovery.addresses = addresses;
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void externalWhenMetadataAsRequiredThenItsEndpoints() throws Exception {
    document.set(metadata(issuer, "\"ping\",\"poll\""));

    ProviderDiscovery.Endpoints endpoints = discovery.external(provider(issuer, DeliveryMode.PING));

    assertEquals(issuer, endpoints.issuer());
    assertEquals(URI.create(issuer + "/bc-authorize"), endpoints.backchannel());
    assertEquals(URI.create(issuer + "/token"), endpoints.token());
    assertEquals(URI.create(issuer + "/jwks.json"), endpoints.jwks());
  }

  @Test
  void externalWhenIssuerConfiguredWithTrailingSlashThenDocumentFoundButIssuerRefused() {
    document.set(metadata(issuer, "\"ping\""));

    ApprovalUnavailable refused =
        assertThrows(
            ApprovalUnavailable.class,
            () -> discovery.external(provider(issuer + "/", DeliveryMode.PING)));

    assertTrue(
        refused.getMessage().contains("names the issuer '" + issuer + "'"), refused.getMessage());
  }

  @Test
  void externalWhenDocumentNamesAnotherIssuerThenRefused() {
    document.set(metadata("https://attacker.example/t/acme", "\"ping\""));

    ApprovalUnavailable refused =
        assertThrows(
            ApprovalUnavailable.class,
            () -> discovery.external(provider(issuer, DeliveryMode.PING)));

    assertTrue(refused.getMessage().contains("not the configured"), refused.getMessage());
  }

  @Test
  void externalWhenDeliveryModeNotOfferedThenRefused() {
    document.set(metadata(issuer, "\"poll\""));

    ApprovalUnavailable refused =
        assertThrows(
            ApprovalUnavailable.class,
            () -> discovery.external(provider(issuer, DeliveryMode.PING)));

    assertTrue(refused.getMessage().contains("ping delivery"), refused.getMessage());
  }

  @Test
  void externalWhenMcpToolCallDetailsNotListedThenRefused() {
    document.set(
        metadata(issuer, "\"ping\"").replace("\"mcp_tool_call\"", "\"payment_initiation\""));

    ApprovalUnavailable refused =
        assertThrows(
            ApprovalUnavailable.class,
            () -> discovery.external(provider(issuer, DeliveryMode.PING)));

    assertTrue(refused.getMessage().contains("mcp_tool_call"), refused.getMessage());
  }

  @Test
  void externalWhenAnEndpointIsRefusedByTheOutboundRulesThenRefused() {
    document.set(
        metadata(issuer, "\"ping\"")
            .replace(issuer + "/token", "http://169.254.169.254/latest/meta-data"));
    ProviderAddresses addresses = discovery.addresses;
    addresses.guard =
        TestGuards.of(
            url ->
                url.getHost().startsWith("169.254")
                    ? Optional.of(
                        new UpstreamFailure(UpstreamFailure.Kind.FORBIDDEN_ADDRESS, "link-local"))
                    : Optional.empty(),
            true);

    ApprovalUnavailable refused =
        assertThrows(
            ApprovalUnavailable.class,
            () -> discovery.external(provider(issuer, DeliveryMode.PING)));

    assertTrue(refused.getMessage().contains("token_endpoint"), refused.getMessage());
    assertTrue(refused.getMessage().contains("link-local"), refused.getMessage());
  }

  @Test
  void externalWhenHttpAndPrivateNetworksNotAllowedThenRefusedBeforeAnyRequest() {
    discovery.addresses.policy = new OutboundUrlPolicy(false);

    ApprovalUnavailable refused =
        assertThrows(
            ApprovalUnavailable.class,
            () -> discovery.external(provider(issuer, DeliveryMode.PING)));

    assertTrue(refused.getMessage().contains("does not use https"), refused.getMessage());
  }

  private static ExternalProvider provider(String issuer, DeliveryMode mode) {
    return new ExternalProvider(URI.create(issuer), "gw", "secret", mode);
  }

  /** Metadata as a CIBA provider publishes it, with these delivery modes. */
  private static String metadata(String issuer, String modes) {
    return """
        {"issuer":"%1$s","token_endpoint":"%1$s/token",
         "backchannel_authentication_endpoint":"%1$s/bc-authorize","jwks_uri":"%1$s/jwks.json",
         "grant_types_supported":["urn:openid:params:grant-type:ciba"],
         "backchannel_token_delivery_modes_supported":[%2$s],
         "token_endpoint_auth_methods_supported":["client_secret_basic"],
         "authorization_details_types_supported":["mcp_tool_call"],
         "response_types_supported":["token"]}
        """
        .formatted(issuer, modes);
  }
}
