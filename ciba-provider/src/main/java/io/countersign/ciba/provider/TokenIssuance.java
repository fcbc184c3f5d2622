package io.countersign.ciba.provider;

import io.countersign.ciba.approval.ApprovalRequest;
import io.countersign.ciba.approval.ApprovedCall;
import io.countersign.ciba.approval.Vote;
import io.countersign.ciba.jose.ApproverClaim;
import io.countersign.ciba.jose.CibaGrant;
import io.countersign.ciba.jose.MintedTokens;
import io.countersign.ciba.jose.TokenMinter;
import io.countersign.tenant.member.Member;
import io.countersign.tenant.member.MemberAccounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Mints the tokens of a redeemed approval: an access token whose {@code authorization_details} are
 * exactly the approved call (edited arguments included) and an ID token naming the approvers and
 * when they voted. The ID token's subject is the first approver.
 */
@ApplicationScoped
public class TokenIssuance {

  @Inject IssuerKeys keys;
  @Inject ProviderSettings settings;
  @Inject MemberAccounts members;

  /** The tenant's MCP endpoint, the resource the access tokens are for. */
  public static String mcpResource(String issuer) {
    return issuer + "/mcp";
  }

  public MintedTokens mint(
      String issuer,
      ApprovalRequest request,
      ApprovedCall call,
      String authReqId,
      String scope,
      Instant now) {
    String tenantId = request.tenant();
    String approvedSha256 = call.call().argumentsSha256();
    List<ApproverClaim> approvers =
        request.votes().stream()
            .filter(Vote::stands)
            .filter(v -> v.kind().approves())
            .filter(v -> v.argumentsSha256().filter(approvedSha256::equals).isPresent())
            .map(
                v ->
                    new ApproverClaim(
                        v.approver(),
                        members
                            .member(tenantId, v.approver())
                            .map(Member::displayName)
                            .orElse(v.approver()),
                        v.kind().name().toLowerCase(Locale.ROOT),
                        v.at()))
            .toList();
    Instant authTime =
        approvers.stream().map(ApproverClaim::votedAt).max(Instant::compareTo).orElse(now);
    String details = authorizationDetails(call);
    TokenMinter minter =
        new TokenMinter(issuer, keys.signingKey(tenantId, settings.signingAlg(), now));
    return minter.cibaTokens(
        new CibaGrant(
            request.clientId(),
            approvers.isEmpty() ? request.clientId() : approvers.get(0).sub(),
            authReqId,
            details,
            approvers,
            authTime,
            mcpResource(issuer),
            settings.accessTokenLifetime(),
            settings.idTokenLifetime(),
            Optional.of(scope)),
        now);
  }

  /** The approved call's {@code authorization_details}, as the token carries them. */
  public static String authorizationDetails(ApprovedCall call) {
    return Json.createArrayBuilder().add(call.call().toJson()).build().toString();
  }
}
