package io.countersign.gateway.hold;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.countersign.ciba.details.McpToolCall;
import io.countersign.ciba.details.McpToolCallValidator;
import io.countersign.ciba.details.Validation;
import io.countersign.gateway.jsonrpc.Jsonp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.MalformedURLException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks the access token a provider issued for a held call (RFC 9068): signed by the issuer's
 * published keys, of type {@code at+jwt}, from the expected issuer, unexpired, and carrying one
 * {@code mcp_tool_call} whose tenant, upstream and tool are the held call's. The approved arguments
 * are read from the token's own bytes, so no number loses precision on the way.
 */
@ApplicationScoped
public class ApprovalTokens {

  @Inject ProviderAddresses addresses;

  private final Map<String, JWKSource<SecurityContext>> keys = new ConcurrentHashMap<>();

  /** What the token allows, or why it allows nothing. */
  public sealed interface Check {}

  public record Approved(McpToolCall call) implements Check {}

  public record Invalid(String reason) implements Check {}

  public Check check(ApprovalProvider provider, String accessToken, HeldCall held) {
    JWTClaimsSet claims;
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(accessToken);
      var processor = new DefaultJWTProcessor<SecurityContext>();
      processor.setJWSTypeVerifier(
          new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
      processor.setJWSKeySelector(
          new JWSVerificationKeySelector<>(
              Set.of(JWSAlgorithm.ES256, JWSAlgorithm.PS256), jwks(provider)));
      processor.setJWTClaimsSetVerifier(
          new DefaultJWTClaimsVerifier<>(
              new JWTClaimsSet.Builder().issuer(provider.issuer()).build(),
              Set.of("exp", "iat", "authorization_details")));
      claims = processor.process(jwt, null);
    } catch (java.text.ParseException | BadJOSEException | com.nimbusds.jose.JOSEException e) {
      return new Invalid("the approval token is not valid: " + e.getMessage());
    }
    if (!provider.clientId().equals(claims.getClaim("client_id"))) {
      return new Invalid("the approval token was issued to another client");
    }
    JsonObject payload =
        Jsonp.createReader(new StringReader(jwt.getPayload().toString())).readObject();
    JsonValue details = payload.get("authorization_details");
    Validation<McpToolCall> read =
        McpToolCallValidator.validateAuthorizationDetails(String.valueOf(details));
    if (read instanceof Validation.Invalid<McpToolCall> invalid) {
      return new Invalid("the approval token's authorization_details: " + invalid.problems());
    }
    McpToolCall call = ((Validation.Valid<McpToolCall>) read).value();
    if (!call.tenant().equals(held.tenantId())
        || !call.upstream().equals(held.upstream())
        || !call.tool().equals(held.tool())) {
      return new Invalid(
          "the approval token is for "
              + call.upstream()
              + "/"
              + call.tool()
              + " in tenant "
              + call.tenant()
              + ", not for this call");
    }
    return new Approved(call);
  }

  private JWKSource<SecurityContext> jwks(ApprovalProvider provider) {
    return keys.computeIfAbsent(
        // an external provider's keys are fetched only through the guarded retriever
        (provider.external() ? "external " : "built-in ") + provider.jwksUri(),
        uri -> {
          try {
            return provider.external()
                ? JWKSourceBuilder.<SecurityContext>create(
                        provider.jwksUri().toURL(), new GuardedKeyRetriever(addresses))
                    .build()
                : JWKSourceBuilder.<SecurityContext>create(provider.jwksUri().toURL()).build();
          } catch (MalformedURLException e) {
            throw new IllegalArgumentException("jwks_uri " + uri, e);
          }
        });
  }
}
