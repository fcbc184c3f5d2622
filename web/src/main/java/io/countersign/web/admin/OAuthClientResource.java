package io.countersign.web.admin;

import io.countersign.ciba.jose.ProviderKey;
import io.countersign.ciba.jose.SigningAlgorithm;
import io.countersign.ciba.provider.IssuerKeys;
import io.countersign.tenant.TenantDirectory;
import io.countersign.tenant.oauth.ClientAuthMethod;
import io.countersign.tenant.oauth.ClientRegistration;
import io.countersign.tenant.oauth.DeliveryMode;
import io.countersign.tenant.oauth.OAuthClients;
import io.countersign.tenant.oauth.OAuthGrant;
import io.countersign.tenant.oauth.RegisteredClient;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The OAuth clients of a tenant's issuer (operator API): register one with RFC 7591 / CIBA client
 * metadata names, list, issue a new secret (shown once), disable; and rotate the issuer's signing
 * key. Clients declared in a tenant bundle are listed here too and get their secrets here.
 */
@Path("api/v1/tenants/{tenant}")
@RequestScoped
@Tag(name = "tenants")
public class OAuthClientResource {

  @Inject OperatorGate gate;
  @Inject OAuthClients clients;
  @Inject IssuerKeys keys;
  @Inject TenantDirectory directory;

  @Context HttpHeaders headers;
  @Context UriInfo uriInfo;

  @GET
  @Path("oauth-clients")
  @Produces({MediaType.APPLICATION_JSON, Problems.MEDIA_TYPE})
  @Operation(summary = "The tenant's enabled OAuth clients (never their secrets)")
  public Response list(@PathParam("tenant") String tenant) {
    Optional<Response> refusal = refusal(tenant);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    JsonArrayBuilder items = Json.createArrayBuilder();
    clients.list(tenant).forEach(c -> items.add(json(c)));
    return Response.ok(Json.createObjectBuilder().add("items", items).build().toString())
        .type(MediaType.APPLICATION_JSON)
        .build();
  }

  @POST
  @Path("oauth-clients")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces({MediaType.APPLICATION_JSON, Problems.MEDIA_TYPE})
  @Operation(summary = "Register a client; a client_secret, if any, is in this response only")
  public Response register(@PathParam("tenant") String tenant, String body) {
    Optional<Response> refusal = refusal(tenant);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    ClientRegistration registration;
    try {
      registration = registration(body);
    } catch (IllegalArgumentException | JsonException | ClassCastException e) {
      return Problems.problem(400, "Bad Request", e.getMessage());
    }
    OAuthClients.Registration outcome = clients.register(tenant, registration);
    if (outcome instanceof OAuthClients.Refused refused) {
      JsonArrayBuilder errors = Json.createArrayBuilder();
      refused
          .problems()
          .forEach(
              p ->
                  errors.add(
                      Json.createObjectBuilder()
                          .add("field", p.field().apiName())
                          .add("message", p.message())));
      return Problems.problem(
          Problems.UNPROCESSABLE_CONTENT,
          "Invalid client metadata",
          refused.problems().size() + " problem(s)",
          Json.createObjectBuilder().add("errors", errors));
    }
    if (outcome instanceof OAuthClients.Conflict conflict) {
      return Problems.problem(
          409, "Conflict", "client '" + conflict.clientId() + "' is already registered");
    }
    OAuthClients.Registered registered = (OAuthClients.Registered) outcome;
    JsonObjectBuilder json = json(registered.client());
    registered.secret().ifPresent(s -> json.add("client_secret", s));
    return Response.created(
            uriInfo.getAbsolutePathBuilder().path(registered.client().clientId()).build())
        .type(MediaType.APPLICATION_JSON)
        .cacheControl(noStore())
        .entity(json.build().toString())
        .build();
  }

  @POST
  @Path("oauth-clients/{client}/secret")
  @Produces({MediaType.APPLICATION_JSON, Problems.MEDIA_TYPE})
  @Operation(summary = "Issue a new client secret, replacing the old one; shown only once")
  public Response secret(@PathParam("tenant") String tenant, @PathParam("client") String client) {
    Optional<Response> refusal = refusal(tenant);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    return clients
        .issueSecret(tenant, client)
        .map(
            secret ->
                Response.ok(
                        Json.createObjectBuilder()
                            .add("client_id", client)
                            .add("client_secret", secret)
                            .add("note", "Store this secret now: it is shown only once.")
                            .build()
                            .toString())
                    .type(MediaType.APPLICATION_JSON)
                    .cacheControl(noStore())
                    .build())
        .orElseGet(
            () ->
                Problems.problem(
                    404,
                    "Not Found",
                    "no enabled client '" + client + "' that authenticates with a secret"));
  }

  @DELETE
  @Path("oauth-clients/{client}")
  @Produces(Problems.MEDIA_TYPE)
  @Operation(summary = "Disable a client; its pending requests can no longer be redeemed")
  public Response disable(@PathParam("tenant") String tenant, @PathParam("client") String client) {
    Optional<Response> refusal = refusal(tenant);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    return clients.disable(tenant, client)
        ? Response.noContent().build()
        : Problems.problem(404, "Not Found", "no enabled client '" + client + "'");
  }

  @POST
  @Path("issuer/keys/rotate")
  @Produces({MediaType.APPLICATION_JSON, Problems.MEDIA_TYPE})
  @Operation(
      summary =
          "Rotate the issuer's signing key (alg ES256 or PS256); the old key stays published"
              + " until the tokens it signed expire")
  public Response rotate(@PathParam("tenant") String tenant, @QueryParam("alg") String alg) {
    Optional<Response> refusal = refusal(tenant);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    Optional<SigningAlgorithm> algorithm =
        SigningAlgorithm.parse(alg == null ? SigningAlgorithm.DEFAULT.name() : alg);
    if (algorithm.isEmpty()) {
      return Problems.problem(400, "Bad Request", "alg must be ES256 or PS256");
    }
    ProviderKey key = keys.rotate(tenant, algorithm.get(), Instant.now());
    return Response.ok(
            Json.createObjectBuilder()
                .add("kid", key.kid())
                .add("alg", key.alg().name())
                .build()
                .toString())
        .type(MediaType.APPLICATION_JSON)
        .build();
  }

  private Optional<Response> refusal(String tenant) {
    Optional<Response> refusal = gate.refusal(headers);
    if (refusal.isPresent()) {
      return refusal;
    }
    if (directory.tenant(tenant).isEmpty()) {
      return Optional.of(Problems.problem(404, "Not Found", "unknown tenant '" + tenant + "'"));
    }
    return Optional.empty();
  }

  private static JsonObjectBuilder json(RegisteredClient c) {
    JsonArrayBuilder grants = Json.createArrayBuilder();
    c.grants().stream().sorted().forEach(g -> grants.add(g.grantType()));
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("client_id", c.clientId())
            .add("grant_types", grants)
            .add("token_endpoint_auth_method", c.authMethod().word())
            .add("fapi", c.fapi())
            .add("source", c.source())
            .add("has_secret", c.secretHash().isPresent());
    c.description().ifPresent(d -> json.add("description", d));
    c.agentName().ifPresent(a -> json.add("agent", a));
    c.deliveryMode().ifPresent(m -> json.add("backchannel_token_delivery_mode", m.word()));
    c.notificationEndpoint()
        .ifPresent(u -> json.add("backchannel_client_notification_endpoint", u.toString()));
    c.requestSigningAlg()
        .ifPresent(a -> json.add("backchannel_authentication_request_signing_alg", a));
    c.jwks()
        .ifPresent(
            j -> {
              try (var reader = Json.createReader(new StringReader(j))) {
                json.add("jwks", reader.readObject());
              }
            });
    return json;
  }

  /** The registration in a JSON body; IllegalArgumentException names the bad field. */
  static ClientRegistration registration(String body) {
    JsonObject json;
    try (var reader = Json.createReader(new StringReader(body == null ? "" : body))) {
      json = reader.readObject();
    }
    Set<String> known =
        Set.of(
            "client_id",
            "description",
            "grant_types",
            "token_endpoint_auth_method",
            "jwks",
            "agent",
            "fapi",
            "backchannel_token_delivery_mode",
            "backchannel_client_notification_endpoint",
            "backchannel_authentication_request_signing_alg",
            "backchannel_user_code_parameter");
    for (String key : json.keySet()) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException("unknown field '" + key + "'; expected " + known);
      }
    }
    String clientId = required(json, "client_id");
    EnumSet<OAuthGrant> grants = EnumSet.noneOf(OAuthGrant.class);
    for (JsonValue value :
        json.getJsonArray("grant_types") == null
            ? java.util.List.<JsonValue>of()
            : json.getJsonArray("grant_types")) {
      String word = ((JsonString) value).getString();
      grants.add(
          OAuthGrant.parse(word)
              .orElseThrow(
                  () -> new IllegalArgumentException("grant_types: unknown grant '" + word + "'")));
    }
    String method = required(json, "token_endpoint_auth_method");
    ClientAuthMethod authMethod =
        ClientAuthMethod.parse(method)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "token_endpoint_auth_method must be client_secret_basic,"
                            + " client_secret_post or private_key_jwt"));
    Optional<DeliveryMode> mode =
        optional(json, "backchannel_token_delivery_mode")
            .map(
                m ->
                    DeliveryMode.parse(m)
                        .orElseThrow(
                            () ->
                                new IllegalArgumentException(
                                    "backchannel_token_delivery_mode must be poll, ping or push")));
    Optional<URI> endpoint =
        optional(json, "backchannel_client_notification_endpoint").map(OAuthClientResource::uri);
    Optional<String> jwks =
        Optional.ofNullable(json.get("jwks"))
            .filter(v -> v.getValueType() != JsonValue.ValueType.NULL)
            .map(JsonValue::toString);
    return new ClientRegistration(
        clientId,
        optional(json, "description"),
        grants,
        authMethod,
        jwks,
        optional(json, "agent"),
        json.getBoolean("fapi", false),
        mode,
        endpoint,
        optional(json, "backchannel_authentication_request_signing_alg"),
        json.getBoolean("backchannel_user_code_parameter", false));
  }

  private static String required(JsonObject json, String name) {
    return optional(json, name)
        .orElseThrow(() -> new IllegalArgumentException(name + " is required"));
  }

  private static Optional<String> optional(JsonObject json, String name) {
    JsonValue value = json.get(name);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return Optional.empty();
    }
    if (!(value instanceof JsonString text)) {
      throw new IllegalArgumentException(name + " must be a string");
    }
    return Optional.of(text.getString());
  }

  private static URI uri(String text) {
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "backchannel_client_notification_endpoint is not a URL: " + text);
    }
  }

  private static CacheControl noStore() {
    CacheControl noStore = new CacheControl();
    noStore.setNoStore(true);
    return noStore;
  }
}
