package io.countersign.ciba.jose;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.id.Subject;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.claims.AccessTokenHash;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Mints and signs the tokens of one issuer with one of its keys. */
public final class TokenMinter {

  /** RFC 9068 section 2.1. */
  public static final JOSEObjectType ACCESS_TOKEN_TYPE = new JOSEObjectType("at+jwt");

  /** CIBA Core 1.0 section 10.3.1: the ID token names the request it answers. */
  public static final String AUTH_REQ_ID_CLAIM = "urn:openid:params:jwt:claim:auth_req_id";

  /** Countersign's ID token claim listing every vote. */
  public static final String APPROVERS_CLAIM = "approvers";

  private final String issuer;
  private final ProviderKey key;

  public TokenMinter(String issuer, ProviderKey key) {
    if (issuer == null || issuer.isBlank()) {
      throw new IllegalArgumentException("issuer is missing");
    }
    this.issuer = issuer;
    this.key = Objects.requireNonNull(key, "key");
  }

  /**
   * The access token and ID token for an approved CIBA request (CIBA Core 1.0 section 10.1). No
   * refresh token is issued, so the ID token carries no {@code rt_hash}.
   */
  public MintedTokens cibaTokens(CibaGrant grant, Instant now) {
    Instant iat = now.truncatedTo(ChronoUnit.SECONDS);
    String jti = new JWTID().getValue();
    Instant expiresAt = iat.plus(grant.accessTokenLifetime());
    JWTClaimsSet accessClaims =
        accessTokenClaims(
                grant.clientId(), grant.subject(), grant.accessTokenAudience(), grant.scope(), jti)
            .issueTime(Date.from(iat))
            .expirationTime(Date.from(expiresAt))
            // RFC 9396 section 9.2: the granted details, as a JSON array and not a string
            .claim("authorization_details", grant.authorizationDetails())
            .build();
    String accessToken = sign(ACCESS_TOKEN_TYPE, accessClaims);
    return new MintedTokens(
        accessToken,
        sign(JOSEObjectType.JWT, idTokenClaims(grant, accessToken, iat)),
        jti,
        expiresAt);
  }

  /**
   * An RFC 9068 access token for the client credentials grant (RFC 6749 section 4.4): an agent that
   * authenticates with OAuth rather than an API key.
   */
  public MintedAccessToken clientCredentialsToken(
      String clientId,
      String subject,
      String audience,
      Optional<String> scope,
      Duration lifetime,
      Instant now) {
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("lifetime must be positive");
    }
    Instant iat = now.truncatedTo(ChronoUnit.SECONDS);
    String jti = new JWTID().getValue();
    Instant expiresAt = iat.plus(lifetime);
    JWTClaimsSet claims =
        accessTokenClaims(clientId, subject, audience, scope, jti)
            .issueTime(Date.from(iat))
            .expirationTime(Date.from(expiresAt))
            .build();
    return new MintedAccessToken(sign(ACCESS_TOKEN_TYPE, claims), jti, expiresAt);
  }

  /**
   * RFC 9068 section 2.2: iss, sub, aud, client_id, jti (a random 256-bit {@link JWTID}), scope
   * when granted; the caller adds iat and exp.
   */
  private JWTClaimsSet.Builder accessTokenClaims(
      String clientId, String subject, String audience, Optional<String> scope, String jti) {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .subject(Objects.requireNonNull(subject, "subject"))
            .audience(Objects.requireNonNull(audience, "audience"))
            .claim("client_id", Objects.requireNonNull(clientId, "clientId"))
            .jwtID(jti);
    scope.ifPresent(s -> claims.claim("scope", s));
    return claims;
  }

  /**
   * OIDC Core section 2 plus {@code at_hash} (section 3.3.2.11, as CIBA Core 10.3.1 asks), the
   * {@code auth_req_id} claim (CIBA Core 10.3.1) and the votes.
   */
  private JWTClaimsSet idTokenClaims(CibaGrant grant, String accessToken, Instant iat) {
    IDTokenClaimsSet claims =
        new IDTokenClaimsSet(
            new Issuer(issuer),
            new Subject(grant.subject()),
            Audience.create(grant.clientId()),
            Date.from(iat.plus(grant.idTokenLifetime())),
            Date.from(iat));
    claims.setAuthenticationTime(Date.from(grant.authTime()));
    claims.setAccessTokenHash(
        AccessTokenHash.compute(new BearerAccessToken(accessToken), key.jws()));
    claims.setClaim(AUTH_REQ_ID_CLAIM, grant.authReqId());
    List<Object> approvers =
        grant.approvers().stream().<Object>map(ApproverClaim::toJsonObject).toList();
    claims.setClaim(APPROVERS_CLAIM, approvers);
    try {
      return claims.toJWTClaimsSet();
    } catch (ParseException e) {
      throw new IllegalStateException("ID token claims do not form a JWT claims set", e);
    }
  }

  private String sign(JOSEObjectType type, JWTClaimsSet claims) {
    JWSHeader header = new JWSHeader.Builder(key.jws()).type(type).keyID(key.kid()).build();
    SignedJWT jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(key.signer());
    } catch (JOSEException e) {
      throw new IllegalStateException("key " + key.kid() + " failed to sign", e);
    }
    return jwt.serialize();
  }
}
