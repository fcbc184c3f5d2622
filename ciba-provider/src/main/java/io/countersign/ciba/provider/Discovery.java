package io.countersign.ciba.provider;

import io.countersign.ciba.details.McpToolCall;
import io.countersign.tenant.oauth.ClientAuthMethod;
import io.countersign.tenant.oauth.DeliveryMode;
import io.countersign.tenant.oauth.OAuthGrant;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.Arrays;

/**
 * A tenant issuer's OpenID Provider metadata (OpenID Connect Discovery 1.0, section 3; CIBA Core
 * 1.0, section 4; RFC 9396, section 10). There is no authorization endpoint: users never sign in
 * through a browser redirect here, they approve out of band.
 */
public final class Discovery {

  public static final String BACKCHANNEL_PATH = "/bc-authorize";
  public static final String TOKEN_PATH = "/token";
  public static final String JWKS_PATH = "/jwks.json";
  public static final String SCHEMA_PATH = "/schemas/mcp_tool_call.json";

  private Discovery() {}

  public static JsonObject metadata(String issuer, String signingAlg) {
    JsonArrayBuilder grants = Json.createArrayBuilder();
    Arrays.stream(OAuthGrant.values()).forEach(g -> grants.add(g.grantType()));
    JsonArrayBuilder modes = Json.createArrayBuilder();
    Arrays.stream(DeliveryMode.values()).forEach(m -> modes.add(m.word()));
    JsonArrayBuilder authMethods = Json.createArrayBuilder();
    Arrays.stream(ClientAuthMethod.values()).forEach(m -> authMethods.add(m.word()));
    return Json.createObjectBuilder()
        .add("issuer", issuer)
        .add("token_endpoint", issuer + TOKEN_PATH)
        .add("backchannel_authentication_endpoint", issuer + BACKCHANNEL_PATH)
        .add("jwks_uri", issuer + JWKS_PATH)
        .add("grant_types_supported", grants)
        .add("backchannel_token_delivery_modes_supported", modes)
        .add(
            "backchannel_authentication_request_signing_alg_values_supported",
            Json.createArrayBuilder().add("ES256").add("PS256"))
        .add("backchannel_user_code_parameter_supported", false)
        .add("token_endpoint_auth_methods_supported", authMethods)
        .add(
            "token_endpoint_auth_signing_alg_values_supported",
            Json.createArrayBuilder().add("ES256").add("PS256"))
        .add("id_token_signing_alg_values_supported", Json.createArrayBuilder().add(signingAlg))
        .add("subject_types_supported", Json.createArrayBuilder().add("public"))
        .add("scopes_supported", Json.createArrayBuilder().add("openid"))
        .add(
            "claims_supported",
            Json.createArrayBuilder()
                .add("sub")
                .add("iss")
                .add("aud")
                .add("exp")
                .add("iat")
                .add("auth_time")
                .add("at_hash")
                .add("urn:openid:params:jwt:claim:auth_req_id")
                .add("approvers"))
        .add(
            "authorization_details_types_supported",
            Json.createArrayBuilder().add(McpToolCall.TYPE))
        .add("mcp_tool_call_schema", issuer + SCHEMA_PATH)
        .build();
  }
}
