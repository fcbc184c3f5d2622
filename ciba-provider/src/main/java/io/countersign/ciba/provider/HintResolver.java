package io.countersign.ciba.provider;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.ErrorObject;
import io.countersign.ciba.quorum.QuorumRule;
import io.countersign.tenant.member.Member;
import io.countersign.tenant.member.MemberAccounts;
import io.countersign.tenant.oauth.RegisteredClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the request's one hint into whom it asks (CIBA Core 1.0, section 7.1): {@code login_hint}
 * naming a member by email or an approver group as {@code group:<name>}, an {@code id_token_hint}
 * this issuer signed, or a {@code login_hint_token} the client signed naming a member by email (RFC
 * 9493 subject identifier {@code {"format": "email", "email": ...}} in {@code sub_id}). The hinted
 * member or group must be able to vote under the request's quorum; otherwise, and for anyone
 * unknown, {@code unknown_user_id}.
 */
@ApplicationScoped
public class HintResolver {

  static final String GROUP_PREFIX = "group:";

  @Inject MemberAccounts members;

  @Inject IssuerKeys keys;

  /** Whom a request asks: one member, or a whole group. */
  public record Hint(String text) {}

  /** The resolved hint, or the error. */
  public sealed interface Resolution {}

  public record Resolved(Hint hint) implements Resolution {}

  public record Unresolved(ErrorObject error) implements Resolution {}

  public Resolution resolve(
      String tenantId,
      Map<String, List<String>> parameters,
      QuorumRule rule,
      RegisteredClient client,
      Instant now) {
    Optional<String> loginHint = FormBody.single(parameters, "login_hint");
    Optional<String> idTokenHint = FormBody.single(parameters, "id_token_hint");
    Optional<String> hintToken = FormBody.single(parameters, "login_hint_token");
    long given =
        List.of(loginHint, idTokenHint, hintToken).stream().filter(Optional::isPresent).count();
    if (given != 1) {
      // CIBA Core 1.0, section 7.1: "it is REQUIRED that the Client provides one (and only one)"
      return new Unresolved(
          ProviderError.invalidRequest(
              "send exactly one of login_hint, id_token_hint and login_hint_token, not " + given));
    }
    if (loginHint.isPresent()) {
      return loginHint(tenantId, loginHint.get(), rule);
    }
    if (idTokenHint.isPresent()) {
      return idTokenHint(tenantId, idTokenHint.get(), rule, now);
    }
    return loginHintToken(tenantId, hintToken.get(), rule, client, now);
  }

  private Resolution loginHint(String tenantId, String hint, QuorumRule rule) {
    if (hint.startsWith(GROUP_PREFIX)) {
      String group = hint.substring(GROUP_PREFIX.length());
      if (!rule.groupNames().contains(group) || members.approvers(tenantId, group).isEmpty()) {
        return new Unresolved(
            ProviderError.unknownUserId(
                "no approver group '" + group + "' among the request's quorum (" + rule + ")"));
      }
      return new Resolved(new Hint(hint));
    }
    return member(tenantId, hint, rule);
  }

  private Resolution member(String tenantId, String email, QuorumRule rule) {
    Optional<Member> member = members.member(tenantId, email);
    boolean eligible =
        member.isPresent()
            && rule.groupNames().stream()
                .anyMatch(
                    g ->
                        members.approvers(tenantId, g).stream()
                            .anyMatch(m -> m.memberId().equals(member.get().memberId())));
    if (!eligible) {
      return new Unresolved(
          ProviderError.unknownUserId(
              "the hint names no approver who can vote on this request (" + rule + ")"));
    }
    return new Resolved(new Hint(member.get().email()));
  }

  private Resolution idTokenHint(String tenantId, String token, QuorumRule rule, Instant now) {
    Optional<JWTClaimsSet> claims = verified(token, keys.publicSet(tenantId, now));
    if (claims.isEmpty()) {
      return new Unresolved(
          ProviderError.invalidRequest("id_token_hint is not an ID token this issuer signed"));
    }
    // An expired ID token is still a valid hint (OIDC Core 1.0, section 3.1.2.1).
    String subject = claims.get().getSubject();
    return subject == null
        ? new Unresolved(ProviderError.invalidRequest("id_token_hint has no sub"))
        : member(tenantId, subject, rule);
  }

  private Resolution loginHintToken(
      String tenantId, String token, QuorumRule rule, RegisteredClient client, Instant now) {
    JWKSet clientKeys;
    try {
      clientKeys = JWKSet.parse(client.jwks().orElse("{\"keys\":[]}"));
    } catch (ParseException e) {
      clientKeys = new JWKSet();
    }
    Optional<JWTClaimsSet> claims = verified(token, clientKeys);
    if (claims.isEmpty()) {
      return new Unresolved(
          ProviderError.invalidRequest(
              "login_hint_token must be a JWT signed with one of the client's registered keys"));
    }
    Date exp = claims.get().getExpirationTime();
    if (exp != null && !exp.toInstant().isAfter(now)) {
      return new Unresolved(
          ProviderError.expiredLoginHintToken("login_hint_token expired at " + exp.toInstant()));
    }
    Object subId = claims.get().getClaim("sub_id");
    if (!(subId instanceof Map<?, ?> id)
        || !"email".equals(id.get("format"))
        || !(id.get("email") instanceof String email)) {
      return new Unresolved(
          ProviderError.invalidRequest(
              "login_hint_token needs sub_id {\"format\": \"email\", \"email\": ...}"));
    }
    return member(tenantId, email, rule);
  }

  /** The claims of a JWS verified by a key of {@code keys} (by kid, else any that fits). */
  static Optional<JWTClaimsSet> verified(String token, JWKSet keys) {
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      JWSHeader header = jwt.getHeader();
      if (!ClientAuthenticator.ASSERTION_ALGS.contains(header.getAlgorithm())) {
        return Optional.empty();
      }
      List<JWK> candidates =
          header.getKeyID() == null
              ? keys.getKeys()
              : keys.getKeys().stream()
                  .filter(k -> header.getKeyID().equals(k.getKeyID()))
                  .toList();
      DefaultJWSVerifierFactory factory = new DefaultJWSVerifierFactory();
      for (JWK key : candidates) {
        if (key instanceof AsymmetricJWK asymmetric
            && jwt.verify(factory.createJWSVerifier(header, asymmetric.toPublicKey()))) {
          return Optional.of(jwt.getJWTClaimsSet());
        }
      }
    } catch (ParseException | JOSEException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
