package io.countersign.ciba.delivery;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Request;
import com.nimbusds.oauth2.sdk.SerializeException;
import com.nimbusds.oauth2.sdk.ciba.AuthRequestID;
import com.nimbusds.oauth2.sdk.ciba.CIBAErrorDelivery;
import com.nimbusds.oauth2.sdk.ciba.CIBAPingCallback;
import com.nimbusds.oauth2.sdk.ciba.CIBATokenDelivery;
import com.nimbusds.oauth2.sdk.rar.AuthorizationDetail;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonConfig;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One callback to a client's {@code backchannel_client_notification_endpoint}: where, with which
 * bearer token, and the JSON body. The bodies are written by Nimbus' own CIBA messages, so {@code
 * CIBAPingCallback.parse} and {@code CIBAPushCallback.parse} read them back.
 *
 * <p>{@link #toString()} shows neither the token nor the body (both are bearer secrets).
 */
public record Notification(
    URI endpoint, String clientNotificationToken, String jsonBody, Kind kind) {

  /** Which callback this is. */
  public enum Kind {
    /** CIBA Core 1.0, 10.2. */
    PING,
    /** CIBA Core 1.0, 10.3.1. */
    PUSH_TOKENS,
    /** CIBA Core 1.0, 12. */
    PUSH_ERROR
  }

  /** CIBA Core 1.0, 7.1: "MUST NOT exceed 1024 characters". */
  public static final int MAX_TOKEN_LENGTH = 1024;

  // CIBA Core 1.0, 7.1: the token "MUST conform to the syntax for Bearer credentials as defined in
  // Section 2.1 of [RFC6750]" (b64token); this also keeps line breaks out of the header.
  private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");
  private static final String AUTH_REQ_ID_CLAIM = "urn:openid:params:jwt:claim:auth_req_id";

  private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());
  private static final JsonReaderFactory READERS =
      Json.createReaderFactory(Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));

  public Notification {
    Objects.requireNonNull(endpoint, "endpoint");
    requireBearerCredential(clientNotificationToken);
    Objects.requireNonNull(jsonBody, "jsonBody");
    Objects.requireNonNull(kind, "kind");
  }

  /** A ping (CIBA Core 1.0, 10.2): {@code {"auth_req_id": ...}}. */
  public static Notification ping(URI endpoint, String token, String authReqId) {
    var callback = new CIBAPingCallback(endpoint, bearer(token), new AuthRequestID(authReqId));
    return new Notification(endpoint, token, body(callback), Kind.PING);
  }

  /**
   * A push token delivery (CIBA Core 1.0, 10.3.1): the token response ({@code access_token}, {@code
   * token_type} Bearer, {@code expires_in}, {@code id_token}) plus {@code auth_req_id}, and {@code
   * authorization_details} (RFC 9396) when given.
   *
   * @param idToken a JWT whose {@code urn:openid:params:jwt:claim:auth_req_id} is {@code authReqId}
   * @param authorizationDetailsJson a JSON array text, embedded as JSON with its numbers unchanged
   */
  public static Notification pushTokens(
      URI endpoint,
      String token,
      String authReqId,
      String accessToken,
      String idToken,
      long expiresIn,
      Optional<String> authorizationDetailsJson) {
    if (expiresIn <= 0) {
      throw new IllegalArgumentException("expires_in must be positive");
    }
    var id = new AuthRequestID(authReqId);
    var tokens =
        new OIDCTokens(
            idTokenFor(idToken, id), new BearerAccessToken(accessToken, expiresIn, null), null);
    var delivery = new CIBATokenDelivery(endpoint, bearer(token), id, tokens);
    String body = body(delivery);
    return new Notification(
        endpoint,
        token,
        authorizationDetailsJson.map(details -> withDetails(body, details)).orElse(body),
        Kind.PUSH_TOKENS);
  }

  /**
   * A push error delivery (CIBA Core 1.0, 12): {@code error} is one of {@code access_denied},
   * {@code expired_token}, {@code transaction_failed}; the description is RFC 6749 (5.2) ASCII.
   */
  public static Notification pushError(
      URI endpoint, String token, String authReqId, String error, String errorDescription) {
    // CIBA Core 1.0, 12: the OP delivers "transaction_failed", "expired_token" or "access_denied".
    boolean standard =
        CIBAErrorDelivery.getStandardErrors().stream().anyMatch(e -> e.getCode().equals(error));
    if (!standard) {
      throw new IllegalArgumentException(
          "error must be access_denied, expired_token or transaction_failed, not " + error);
    }
    var delivery =
        new CIBAErrorDelivery(
            endpoint,
            bearer(token),
            new AuthRequestID(authReqId),
            new ErrorObject(error, Objects.requireNonNull(errorDescription, "errorDescription")));
    return new Notification(endpoint, token, body(delivery), Kind.PUSH_ERROR);
  }

  @Override
  public String toString() {
    return "Notification[" + kind + " to " + endpoint + ", token and body not shown]";
  }

  // Nimbus makes a java.net.URL of the endpoint, which fails for schemes the JDK cannot open.
  private static String body(Request callback) {
    try {
      return callback.toHTTPRequest().getBody();
    } catch (SerializeException e) {
      throw new IllegalArgumentException("endpoint is not a URL: " + e.getMessage(), e);
    }
  }

  private static BearerAccessToken bearer(String token) {
    requireBearerCredential(token);
    return new BearerAccessToken(token);
  }

  private static void requireBearerCredential(String token) {
    if (token == null || token.length() > MAX_TOKEN_LENGTH || !B64TOKEN.matcher(token).matches()) {
      throw new IllegalArgumentException(
          "client_notification_token must be an RFC 6750 bearer credential of at most "
              + MAX_TOKEN_LENGTH
              + " characters");
    }
  }

  // CIBA Core 1.0, 10.3.1: "the ID Token MUST include urn:openid:params:jwt:claim:auth_req_id";
  // checking it equals this request's id keeps one request's tokens from reaching another's client.
  private static JWT idTokenFor(String idToken, AuthRequestID authReqId) {
    try {
      JWT jwt = JWTParser.parse(Objects.requireNonNull(idToken, "idToken"));
      if (!authReqId.getValue().equals(jwt.getJWTClaimsSet().getClaim(AUTH_REQ_ID_CLAIM))) {
        throw new IllegalArgumentException(
            "the ID token's " + AUTH_REQ_ID_CLAIM + " is not this request's auth_req_id");
      }
      return jwt;
    } catch (java.text.ParseException e) {
      throw new IllegalArgumentException("id_token is not a JWT", e);
    }
  }

  // Nimbus (json-smart) would reparse the numbers: 1e400 becomes null, 123.4500 becomes 123.45.
  // JSON-P keeps each number as the BigDecimal written, so the approved details go out unchanged.
  private static String withDetails(String tokenBody, String detailsJson) {
    JsonArray details = strictArray(detailsJson);
    try {
      AuthorizationDetail.parseList(detailsJson); // RFC 9396, 2: objects, each with a "type"
    } catch (ParseException e) {
      throw new IllegalArgumentException("authorization_details: " + e.getMessage(), e);
    }
    try (JsonReader reader = READERS.createReader(new StringReader(tokenBody))) {
      JsonObject tokenResponse = reader.readObject();
      return Json.createObjectBuilder(tokenResponse)
          .add("authorization_details", details)
          .build()
          .toString();
    }
  }

  // Parsson's reader ignores text after the value and keeps the last of duplicate names; the
  // parser pass and KeyStrategy.NONE turn both into errors.
  private static JsonArray strictArray(String json) {
    try {
      try (JsonParser parser = PARSERS.createParser(new StringReader(json))) {
        while (parser.hasNext()) {
          parser.next();
        }
      }
      try (JsonReader reader = READERS.createReader(new StringReader(json))) {
        return reader.readArray();
      }
    } catch (JsonException e) {
      throw new IllegalArgumentException("authorization_details is not a JSON array", e);
    }
  }
}
