package io.countersign.ciba.jose;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an approved CIBA request grants, as the tokens will state it.
 *
 * @param clientId the client that made the request; the ID token's audience
 * @param subject the end-user the request named
 * @param authReqId the request's {@code auth_req_id}
 * @param authorizationDetailsJson the RFC 9396 {@code authorization_details} JSON array, exactly as
 *     approved (possibly edited by the approvers)
 * @param approvers every vote cast, in order
 * @param authTime when the request was approved: the ID token's {@code auth_time}
 * @param accessTokenAudience the resource the access token is for
 * @param scope the granted scope, if any
 */
public record CibaGrant(
    String clientId,
    String subject,
    String authReqId,
    String authorizationDetailsJson,
    List<ApproverClaim> approvers,
    Instant authTime,
    String accessTokenAudience,
    Duration accessTokenLifetime,
    Duration idTokenLifetime,
    Optional<String> scope) {

  public CibaGrant {
    requireText(clientId, "clientId");
    requireText(subject, "subject");
    requireText(authReqId, "authReqId");
    requireText(accessTokenAudience, "accessTokenAudience");
    Objects.requireNonNull(authTime, "authTime");
    Objects.requireNonNull(scope, "scope");
    approvers = List.copyOf(approvers);
    requirePositive(accessTokenLifetime, "accessTokenLifetime");
    requirePositive(idTokenLifetime, "idTokenLifetime");
    if (ExactJson.array(authorizationDetailsJson) instanceof Outcome.Problem<?> p) {
      throw new IllegalArgumentException("authorizationDetailsJson: " + p.reason());
    }
  }

  /** The approved {@code authorization_details} as Java values, every number exact. */
  List<Object> authorizationDetails() {
    return ((Outcome.Ok<List<Object>>) ExactJson.array(authorizationDetailsJson)).value();
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is missing");
    }
  }

  private static void requirePositive(Duration value, String name) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
