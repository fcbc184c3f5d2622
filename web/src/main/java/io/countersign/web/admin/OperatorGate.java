package io.countersign.web.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Admits the platform operator: {@code Authorization: Bearer <countersign.operator.token>}
 * (environment {@code COUNTERSIGN_OPERATOR_TOKEN}), compared in constant time. Without a configured
 * token the operator API is off.
 */
@ApplicationScoped
public class OperatorGate {

  private static final String BEARER = "Bearer ";

  @Inject
  @ConfigProperty(name = "countersign.operator.token")
  Optional<String> operatorToken;

  /** Empty when the request is the operator's; otherwise the response that refuses it. */
  public Optional<Response> refusal(HttpHeaders headers) {
    Optional<String> expected = operatorToken.map(String::trim).filter(t -> !t.isEmpty());
    if (expected.isEmpty()) {
      return Optional.of(
          Problems.problem(
              Response.Status.FORBIDDEN.getStatusCode(),
              "Forbidden",
              "operator API disabled: set COUNTERSIGN_OPERATOR_TOKEN"));
    }
    String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
    boolean bearer =
        authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
    String presented = bearer ? authorization.substring(BEARER.length()).trim() : "";
    // digests first, so the comparison takes the same time whatever the lengths
    if (bearer && MessageDigest.isEqual(sha256(presented), sha256(expected.get()))) {
      return Optional.empty();
    }
    Response problem =
        Problems.problem(
            Response.Status.UNAUTHORIZED.getStatusCode(),
            "Unauthorized",
            "this API needs Authorization: Bearer <operator token>");
    return Optional.of(
        Response.fromResponse(problem)
            .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"countersign-operator\"")
            .build());
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
