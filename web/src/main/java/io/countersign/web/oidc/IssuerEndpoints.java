package io.countersign.web.oidc;

import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import io.countersign.ciba.provider.Acknowledgement;
import io.countersign.ciba.provider.BackchannelAuthentication;
import io.countersign.ciba.provider.Discovery;
import io.countersign.ciba.provider.IssuerKeys;
import io.countersign.ciba.provider.ProviderSettings;
import io.countersign.ciba.provider.TokenEndpoint;
import io.countersign.ciba.provider.TokenResponse;
import io.countersign.tenant.TenantDirectory;
import io.countersign.web.mcp.McpAdmission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.io.StringReader;
import java.time.Instant;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A tenant's OpenID provider at its issuer {@code /t/{tenant}}: discovery, keys, the CIBA
 * backchannel authentication endpoint and the token endpoint. Unknown tenants are 404 everywhere.
 */
@Path("t/{tenant}")
@ApplicationScoped
public class IssuerEndpoints {

  @Inject TenantDirectory directory;
  @Inject McpAdmission admission;
  @Inject ProviderSettings settings;
  @Inject IssuerKeys keys;
  @Inject BackchannelAuthentication backchannel;
  @Inject TokenEndpoint tokens;

  @GET
  @Path(".well-known/openid-configuration")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "OpenID Provider metadata of the tenant's issuer (CIBA, RAR)")
  public Response discovery(@PathParam("tenant") String tenant, @Context UriInfo uri) {
    if (directory.tenant(tenant).isEmpty()) {
      return notFound(tenant);
    }
    return Response.ok(
            Discovery.metadata(issuer(tenant, uri), settings.signingAlg().name()).toString(),
            MediaType.APPLICATION_JSON_TYPE)
        .build();
  }

  @GET
  @Path("jwks.json")
  @Produces("application/jwk-set+json")
  @Operation(summary = "The issuer's public signing keys, including rotated keys still in use")
  public Response jwks(@PathParam("tenant") String tenant) {
    if (directory.tenant(tenant).isEmpty()) {
      return notFound(tenant);
    }
    return Response.ok(keys.publicSet(tenant, Instant.now()).toString(true))
        .type("application/jwk-set+json")
        .header("Cache-Control", "max-age=300")
        .build();
  }

  @GET
  @Path("schemas/mcp_tool_call.json")
  @Produces("application/schema+json")
  @Operation(summary = "JSON Schema of the mcp_tool_call authorization details")
  public Response schema(@PathParam("tenant") String tenant) {
    InputStream schema =
        BackchannelAuthentication.class.getResourceAsStream("/schema/mcp_tool_call.schema.json");
    if (directory.tenant(tenant).isEmpty() || schema == null) {
      return notFound(tenant);
    }
    return Response.ok(schema, "application/schema+json").build();
  }

  @POST
  @Path("bc-authorize")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "CIBA backchannel authentication endpoint (CIBA Core 1.0, section 7)")
  public Response backchannelAuthentication(
      @PathParam("tenant") String tenant,
      String body,
      @Context HttpHeaders headers,
      @Context UriInfo uri) {
    return serve(
        tenant,
        Discovery.BACKCHANNEL_PATH,
        body,
        headers,
        uri,
        (issuer, endpoint, http) ->
            backchannel.handle(tenant, issuer, endpoint, http, Instant.now()),
        answer -> {
          if (answer instanceof Acknowledgement.Refused refused) {
            return OAuthHttp.error(refused.error(), headers);
          }
          Acknowledgement.Accepted accepted = (Acknowledgement.Accepted) answer;
          JsonObjectBuilder json =
              Json.createObjectBuilder()
                  .add("auth_req_id", accepted.authReqId())
                  .add("expires_in", accepted.expiresIn());
          accepted.interval().ifPresent(i -> json.add("interval", i));
          return OAuthHttp.json(200, json.build()).build();
        });
  }

  @POST
  @Path("token")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Token endpoint: CIBA grant and client credentials grant")
  public Response token(
      @PathParam("tenant") String tenant,
      String body,
      @Context HttpHeaders headers,
      @Context UriInfo uri) {
    return serve(
        tenant,
        Discovery.TOKEN_PATH,
        body,
        headers,
        uri,
        (issuer, endpoint, http) -> tokens.handle(tenant, issuer, endpoint, http, Instant.now()),
        answer -> {
          if (answer instanceof TokenResponse.Refused refused) {
            return OAuthHttp.error(refused.error(), headers);
          }
          return OAuthHttp.json(200, tokenJson((TokenResponse.Issued) answer)).build();
        });
  }

  /** One of the two form endpoints, given the issuer, the endpoint's URL and the request. */
  private interface FormEndpoint<T> {
    T handle(String issuer, String endpoint, HTTPRequest http);
  }

  /**
   * The steps both form endpoints share: 404 for an unknown tenant, 400 for a body that is not a
   * form, 500 {@code server_error} when the service's transaction failed, else {@code render}.
   */
  private <T> Response serve(
      String tenant,
      String path,
      String body,
      HttpHeaders headers,
      UriInfo uri,
      FormEndpoint<T> endpoint,
      Function<T, Response> render) {
    if (directory.tenant(tenant).isEmpty()) {
      return notFound(tenant);
    }
    if (!OAuthHttp.isForm(headers)) {
      return OAuthHttp.notForm(headers);
    }
    String issuer = issuer(tenant, uri);
    T answer;
    try {
      answer = endpoint.handle(issuer, issuer + path, OAuthHttp.request(uri, headers, body));
    } catch (RuntimeException e) {
      return OAuthHttp.serverError(e, headers);
    }
    return render.apply(answer);
  }

  private static JsonObject tokenJson(TokenResponse.Issued issued) {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("access_token", issued.accessToken())
            .add("token_type", "Bearer")
            .add("expires_in", issued.expiresIn());
    issued.idToken().ifPresent(t -> json.add("id_token", t));
    issued.scope().ifPresent(s -> json.add("scope", s));
    issued
        .authorizationDetails()
        .ifPresent(
            details -> {
              try (JsonReader reader = Json.createReader(new StringReader(details))) {
                json.add("authorization_details", reader.readArray());
              }
            });
    return json.build();
  }

  /** The tenant's issuer identifier: the public base URL and {@code /t/{tenant}}. */
  String issuer(String tenant, UriInfo uri) {
    return admission.base(uri) + "/t/" + tenant;
  }

  private static Response notFound(String tenant) {
    return Response.status(Response.Status.NOT_FOUND)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(
            Json.createObjectBuilder()
                .add("error", "not_found")
                .add("error_description", "unknown tenant '" + tenant + "'")
                .build()
                .toString())
        .build();
  }
}
