package io.countersign.web.oidc;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.MalformedURLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Between JAX-RS and Nimbus: the request as Nimbus parses it, and OAuth answers as RFC 6749,
 * section 5 writes them (JSON, {@code Cache-Control: no-store}).
 */
final class OAuthHttp {

  private static final Logger LOG = Logger.getLogger(OAuthHttp.class.getName());

  private OAuthHttp() {}

  static HTTPRequest request(UriInfo uri, HttpHeaders headers, String body) {
    try {
      HTTPRequest http = new HTTPRequest(HTTPRequest.Method.POST, uri.getRequestUri().toURL());
      String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
      if (authorization != null) {
        http.setAuthorization(authorization);
      }
      String type = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
      if (type != null) {
        http.setHeader("Content-Type", type);
      }
      http.setBody(body == null ? "" : body);
      return http;
    } catch (MalformedURLException e) {
      throw new IllegalStateException("request URI is not a URL", e);
    }
  }

  /** Whether the body is a form, as both endpoints require (CIBA Core 1.0, section 7.1). */
  static boolean isForm(HttpHeaders headers) {
    MediaType type = headers.getMediaType();
    return type != null && type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE);
  }

  static Response error(ErrorObject error, HttpHeaders headers) {
    JsonObjectBuilder body = Json.createObjectBuilder().add("error", error.getCode());
    if (error.getDescription() != null) {
      body.add("error_description", error.getDescription());
    }
    int status = error.getHTTPStatusCode() == 0 ? 400 : error.getHTTPStatusCode();
    Response.ResponseBuilder response = json(status, body.build());
    String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (OAuth2Error.INVALID_CLIENT.getCode().equals(error.getCode())
        && authorization != null
        && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      // RFC 6749, section 5.2: a client that used the Authorization header gets a challenge
      response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"countersign\"");
    }
    return response.build();
  }

  static Response.ResponseBuilder json(int status, JsonObject body) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .header("Cache-Control", "no-store")
        .header("Pragma", "no-cache")
        .entity(body.toString());
  }

  /**
   * 500 {@code server_error}: the request's transaction rolled back, so nothing changed; the cause
   * is logged, never sent.
   */
  static Response serverError(RuntimeException e, HttpHeaders headers) {
    LOG.log(Level.SEVERE, "CIBA provider request failed; its transaction rolled back", e);
    return error(
        new ErrorObject("server_error", "the request could not be processed; nothing changed", 500),
        headers);
  }

  static Response notForm(HttpHeaders headers) {
    return error(
        OAuth2Error.INVALID_REQUEST
            .setDescription("the body must be application/x-www-form-urlencoded")
            .setHTTPStatusCode(400),
        headers);
  }
}
