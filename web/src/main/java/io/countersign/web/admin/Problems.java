package io.countersign.web.admin;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;

/** Error responses as RFC 9457 problem details ({@code application/problem+json}). */
public final class Problems {

  public static final String MEDIA_TYPE = "application/problem+json";

  private Problems() {}

  /** 422: JAX-RS 3.1 has no constant for it. */
  static final int UNPROCESSABLE_CONTENT = 422;

  /** A problem with the standard members. */
  public static Response problem(int status, String title, String detail) {
    return problem(status, title, detail, Json.createObjectBuilder());
  }

  /** A problem whose {@code extra} members (such as {@code errors}) come first. */
  static Response problem(int status, String title, String detail, JsonObjectBuilder extra) {
    JsonObject body =
        extra
            .add("type", "about:blank")
            .add("title", title)
            .add("status", status)
            .add("detail", detail)
            .build();
    return Response.status(status).type(MEDIA_TYPE).entity(body.toString()).build();
  }
}
