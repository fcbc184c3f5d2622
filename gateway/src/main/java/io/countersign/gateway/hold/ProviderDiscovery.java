package io.countersign.gateway.hold;

import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.ciba.BackChannelTokenDeliveryMode;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.rar.AuthorizationType;
import io.countersign.ciba.details.McpToolCall;
import io.countersign.tenant.approval.ExternalProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Reads a CIBA provider's metadata from its issuer's discovery document (OpenID Connect Discovery
 * 1.0, section 4). For an external provider it also holds the document to the rules the gateway
 * depends on, and fails with the reason when it does not: the issuer named exactly as configured,
 * every endpoint an outbound URL the gateway may reach, and CIBA with the configured delivery mode,
 * {@code client_secret_basic} and {@code mcp_tool_call} authorization details where it lists them.
 */
@ApplicationScoped
public class ProviderDiscovery {

  static final String WELL_KNOWN = "/.well-known/openid-configuration";

  private static final int CONNECT_TIMEOUT_MS = 5_000;
  private static final int READ_TIMEOUT_MS = 10_000;

  @Inject ProviderAddresses addresses;

  /** The endpoints of a provider, as its metadata names them. */
  public record Endpoints(String issuer, URI backchannel, URI token, URI jwks) {}

  /** The tenant's built-in provider, reached at {@code issuerUrl} (this deployment's own). */
  public Endpoints builtIn(String issuerUrl) throws ApprovalUnavailable {
    AuthorizationServerMetadata metadata = fetch(URI.create(issuerUrl + WELL_KNOWN));
    return endpoints(metadata);
  }

  /** An external provider declared in the tenant's bundle, checked as described above. */
  public Endpoints external(ExternalProvider provider) throws ApprovalUnavailable {
    URI document = documentUrl(provider.issuer());
    addresses.check(document, "discovery document");
    AuthorizationServerMetadata metadata = fetch(document);
    // OpenID Connect Discovery 1.0, section 4.3: "The issuer value returned MUST be identical to
    // the Issuer URL that was used as the prefix to /.well-known/openid-configuration to retrieve
    // the configuration information."
    String issuer = metadata.getIssuer().getValue();
    if (!issuer.equals(provider.issuer().toString())) {
      throw new ApprovalUnavailable(
          "the approval provider's discovery document names the issuer '"
              + issuer
              + "', not the configured '"
              + provider.issuer()
              + "'");
    }
    Endpoints endpoints = endpoints(metadata);
    addresses.check(endpoints.backchannel(), "backchannel_authentication_endpoint");
    addresses.check(endpoints.token(), "token_endpoint");
    addresses.check(endpoints.jwks(), "jwks_uri");
    supports(metadata, provider);
    return endpoints;
  }

  /**
   * Section 4: "If the Issuer value contains a path component, any terminating / MUST be removed
   * before appending /.well-known/openid-configuration."
   */
  static URI documentUrl(URI issuer) {
    return URI.create(issuer.toString().replaceAll("/+$", "") + WELL_KNOWN);
  }

  /** What the gateway needs of the provider, where its metadata lists what it supports. */
  private static void supports(AuthorizationServerMetadata metadata, ExternalProvider provider)
      throws ApprovalUnavailable {
    // CIBA Core 1.0, section 4: backchannel_token_delivery_modes_supported is REQUIRED
    BackChannelTokenDeliveryMode mode =
        provider.ping() ? BackChannelTokenDeliveryMode.PING : BackChannelTokenDeliveryMode.POLL;
    List<BackChannelTokenDeliveryMode> modes =
        Optional.ofNullable(metadata.getBackChannelTokenDeliveryModes()).orElse(List.of());
    if (!modes.contains(mode)) {
      throw new ApprovalUnavailable(
          "the approval provider does not offer CIBA "
              + mode
              + " delivery (it offers "
              + modes
              + ")");
    }
    List<GrantType> grants = metadata.getGrantTypes();
    if (grants != null && !grants.contains(GrantType.CIBA)) {
      throw new ApprovalUnavailable(
          "the approval provider does not list the CIBA grant in grant_types_supported");
    }
    // RFC 8414, section 2: omitted means client_secret_basic
    List<ClientAuthenticationMethod> methods = metadata.getTokenEndpointAuthMethods();
    if (methods != null && !methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)) {
      throw new ApprovalUnavailable(
          "the approval provider does not accept client_secret_basic at its token endpoint");
    }
    List<AuthorizationType> types = metadata.getAuthorizationDetailsTypes();
    if (types != null && !types.contains(new AuthorizationType(McpToolCall.TYPE))) {
      throw new ApprovalUnavailable(
          "the approval provider does not list the authorization_details type "
              + McpToolCall.TYPE
              + " (it lists "
              + types
              + ")");
    }
  }

  private static Endpoints endpoints(AuthorizationServerMetadata metadata)
      throws ApprovalUnavailable {
    URI backchannel = metadata.getBackChannelAuthenticationEndpointURI();
    if (backchannel == null) {
      throw new ApprovalUnavailable(
          "the approval provider's discovery document has no backchannel_authentication_endpoint"
              + " (it does not offer CIBA)");
    }
    if (metadata.getTokenEndpointURI() == null || metadata.getJWKSetURI() == null) {
      throw new ApprovalUnavailable(
          "the approval provider's discovery document lacks token_endpoint or jwks_uri");
    }
    return new Endpoints(
        metadata.getIssuer().getValue(),
        backchannel,
        metadata.getTokenEndpointURI(),
        metadata.getJWKSetURI());
  }

  private static AuthorizationServerMetadata fetch(URI document) throws ApprovalUnavailable {
    HTTPResponse response;
    try {
      HTTPRequest request = new HTTPRequest(HTTPRequest.Method.GET, document);
      request.setConnectTimeout(CONNECT_TIMEOUT_MS);
      request.setReadTimeout(READ_TIMEOUT_MS);
      request.setFollowRedirects(false);
      response = request.send();
    } catch (IOException e) {
      throw new ApprovalUnavailable(
          "the approval provider's discovery document could not be read: " + e.getMessage());
    }
    if (response.getStatusCode() != 200) {
      throw new ApprovalUnavailable(
          "the approval provider's discovery document "
              + document
              + " answered HTTP "
              + response.getStatusCode());
    }
    try {
      return AuthorizationServerMetadata.parse(response.getBody());
    } catch (ParseException | RuntimeException e) {
      throw new ApprovalUnavailable(
          "the approval provider's discovery document is not valid metadata: " + e.getMessage());
    }
  }
}
